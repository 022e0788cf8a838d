using System.Globalization;
using Onnx;

namespace EdgeToolkit.Onnx;

/// <summary>
/// The ModelProto fields kept in ModelGraph.Metadata under fixed keys, so a round trip keeps them
/// alongside the free-form metadata_props.
/// </summary>
internal static class ModelMetadata
{
    public const string ProducerName = "producer_name";
    public const string ProducerVersion = "producer_version";
    public const string DocString = "doc_string";
    public const string Domain = "domain";
    public const string ModelVersion = "model_version";

    private static readonly string[] Keys = { ProducerName, ProducerVersion, DocString, Domain, ModelVersion };

    public static IEnumerable<(string Key, string Value)> StandardFields(ModelProto m)
    {
        yield return (ProducerName, m.ProducerName);
        yield return (ProducerVersion, m.ProducerVersion);
        yield return (DocString, m.DocString);
        yield return (Domain, m.Domain);
        yield return (ModelVersion, m.ModelVersion != 0 ? m.ModelVersion.ToString(CultureInfo.InvariantCulture) : "");
    }

    public static void Write(IReadOnlyDictionary<string, string> metadata, ModelProto m)
    {
        m.ProducerName = metadata.GetValueOrDefault(ProducerName, "EdgeToolkit");
        m.ProducerVersion = metadata.GetValueOrDefault(ProducerVersion, "");
        m.DocString = metadata.GetValueOrDefault(DocString, "");
        m.Domain = metadata.GetValueOrDefault(Domain, "");
        if (long.TryParse(metadata.GetValueOrDefault(ModelVersion, ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            m.ModelVersion = v;
        foreach (var kv in metadata)
            if (!Keys.Contains(kv.Key)) m.MetadataProps.Add(new StringStringEntryProto { Key = kv.Key, Value = kv.Value });
    }
}
