namespace EdgeToolkit.Training.Zoo;

/// <summary>Finds the zoo's tasks and evaluation data sets by reflection over this assembly.</summary>
public static class ZooRegistry
{
    private static readonly Lazy<IReadOnlyDictionary<string, IZooTask>> TaskMap = new(() => Find<IZooTask>().ToDictionary(t => t.Name));
    private static readonly Lazy<IReadOnlyDictionary<string, Evaluation.IEvaluationDataset>> DatasetMap =
        new(() => Find<Evaluation.IEvaluationDataset>().ToDictionary(d => d.Name));

    public static IReadOnlyDictionary<string, IZooTask> Tasks => TaskMap.Value;
    public static IReadOnlyDictionary<string, Evaluation.IEvaluationDataset> Datasets => DatasetMap.Value;

    private static IEnumerable<T> Find<T>() =>
        typeof(ZooRegistry).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!);
}
