using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeToolkit.Training.Evaluation;
using EdgeToolkit.Training.Zoo;

using EdgeToolkit.Graph;

namespace EdgeToolkit.Training.Health;

/// <summary>
/// `edgetk train health`: next-day stress, readiness and sleep quality (3 classes each) from the
/// past days of wearable data, split by person, against majority-class and logistic-regression
/// baselines on the same held-out people. Data: the documented generator (docs/health-data.md)
/// or PMData's files with --data.
/// </summary>
public sealed class HealthTask : IZooTask
{
    public string Name => "health";
    public string Summary => "next-day stress / readiness / sleep quality from 7 days of wearable data (MLP, ~11 k params; or --arch transformer)";

    public IReadOnlyList<TrainOption> Options { get; } = new[]
    {
        new TrainOption("people", "60", "generated people (split 2/3 train, 2/15 validation, 1/5 test)"),
        new TrainOption("days", "150", "generated days per person"),
        new TrainOption("window", "7", "past days the model sees"),
        new TrainOption("data", "", "PMData folder (p01 ... p16) to train on instead of generated data"),
        new TrainOption("epochs", "40", "training epochs"),
        new TrainOption("arch", "mlp", "mlp (models/health-events) or transformer (one token per day, models/health-transformer)"),
    };

    public string DefaultOutput(TrainContext context) => Transformer(context) ? "models/health-transformer" : "models/health-events";

    private bool Transformer(TrainContext context) => context.Option(this, "arch") switch
    {
        "mlp" => false,
        "transformer" => true,
        var other => throw new EdgeToolkitException(ErrorKind.BadInput, $"unknown --arch '{other}'", hint: "use --arch mlp or --arch transformer"),
    };

    public TrainOutcome Train(TrainContext context)
    {
        var clock = Stopwatch.StartNew();
        bool transformer = Transformer(context);
        TorchRuntime.Initialize(context.Seed);
        var dataPath = context.Option(this, "data");
        var spec = context.Quick
            ? new HealthDataSpec(context.Seed, 12, 50, context.IntOption(this, "window"), dataPath.Length > 0 ? dataPath : null)
            : new HealthDataSpec(context.Seed, context.IntOption(this, "people"), context.IntOption(this, "days"), context.IntOption(this, "window"),
                dataPath.Length > 0 ? Path.GetFullPath(dataPath) : null);
        if (spec.Window < 1 || spec.People < 3 || spec.DaysPerPerson <= spec.Window)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"need --window >= 1, --people >= 3 and --days > --window (got {spec.Window}, {spec.People}, {spec.DaysPerPerson})",
                hint: "e.g. --people 60 --days 150 --window 7");
        var cfg = context.Quick ? new HealthTrainConfig(Hidden1: 16, Hidden2: 8, Epochs: 2, LogisticIterations: 20)
                                : new HealthTrainConfig(Epochs: context.IntOption(this, "epochs"));

        context.Progress.Report(new TrainProgress("data", 0, 1, null, null, null, clock.Elapsed));
        var data = spec.Load();
        if (data.Train.Count == 0 || data.Validation.Count == 0 || data.Test.Count == 0)
            throw new EdgeToolkitException(ErrorKind.BadInput, $"too few labelled windows ({data.Train.Count} train, {data.Validation.Count} validation, {data.Test.Count} test)",
                file: spec.PmDataPath, hint: "each person needs days with all three self-reports (stress, readiness, sleep_quality) after enough worn days");
        context.Progress.Log($"data: {spec.Describe()}; people {data.Split.Train.Count}/{data.Split.Validation.Count}/{data.Split.Test.Count}, " +
                             $"windows {data.Train.Count}/{data.Validation.Count}/{data.Test.Count}");

        var scaling = FeatureScaling.Fit(data.Train, spec.Window);
        var baselines = HealthDataset.FitBaselines(data, scaling, cfg.LogisticIterations, context.Progress.Log);
        // The transformer run trains the MLP first, exactly as `--arch mlp` does (same seed, same order), to report against it.
        var net = HealthTrainer.Train(cfg, scaling, data, context.Progress, clock);
        var graph = net.ToGraph(scaling);
        context.Progress.Report(new TrainProgress("evaluate", 0, 1, null, null, null, clock.Elapsed));
        TaskScores model = Score(graph, data.Test), mlp = model;
        var tcfg = context.Quick ? HealthTransformerRecipe.QuickConfig : HealthTransformerRecipe.Config(context.IntOption(this, "epochs"));
        if (transformer)
        {
            context.Progress.Log($"mlp on held-out people: mean macro-F1 {mlp.MeanMacroF1:F3}; now the transformer");
            TorchRuntime.Initialize(context.Seed); // its initial weights do not depend on the MLP having been trained first
            graph = HealthTransformerExporter.Export(HealthTransformerTrainer.Train(tcfg, scaling, data, context.Progress, clock), scaling);
            model = Score(graph, data.Test);
        }
        var (majority, logistic) = HealthDataset.ScoreBaselines(baselines, scaling, data.Test);
        var duration = clock.Elapsed;

        var card = BuildCard(context, spec, cfg, data, model, majority, logistic, baselines, duration,
            transformer ? HealthTransformerRecipe.Describe(spec.Window, tcfg) : null);
        if (transformer)
        {
            card.Sections.Insert(0, ("Against the MLP", HealthTransformerRecipe.Comparison(model, mlp, logistic, majority)));
            card.Sections.Add(("Quantization", HealthTransformerRecipe.QuantizationNote));
        }
        var config = new JsonObject
        {
            ["task"] = Name,
            ["data"] = spec.ToJson(),
            ["input"] = new JsonObject
            {
                ["name"] = "features", ["shape"] = new JsonArray(1, HealthFeatures.InputSize(spec.Window)),
                ["day_columns"] = new JsonArray(HealthFeatures.DayColumns.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
                ["layout"] = $"{spec.Window} days oldest first x {HealthFeatures.PerDay} columns, then the target day's weekday one-hot (Monday first)",
                ["missing"] = "a group not recorded that day has its values and its flag at 0",
                ["scaling_mean"] = new JsonArray(scaling.Mean.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
                ["scaling_std"] = new JsonArray(scaling.Std.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
                ["scaling_folded_into"] = transformer ? "day_embed (per token)" : "fc1",
            },
            ["outputs"] = new JsonArray(HealthLabels.OutputNames.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["classes"] = new JsonObject(HealthLabels.TaskNames.Select((t, i) => KeyValuePair.Create(t,
                (JsonNode?)new JsonArray(HealthLabels.ClassNames[i].Select(c => (JsonNode)JsonValue.Create(c)!).ToArray())))),
            ["training"] = new JsonObject
            {
                ["hidden"] = new JsonArray(cfg.Hidden1, cfg.Hidden2), ["dropout"] = cfg.Dropout, ["epochs"] = cfg.Epochs,
                ["batch_size"] = cfg.BatchSize, ["learning_rate"] = cfg.LearningRate, ["weight_decay"] = cfg.WeightDecay,
                ["seed"] = context.Seed, ["quick"] = context.Quick,
            },
            ["baselines"] = baselines.ToJson(),
        };
        if (transformer) config["training"] = HealthTransformerRecipe.TrainingJson(tcfg, context.Seed, context.Quick);
        var (modelPath, cardPath, _) = ModelFolder.Write(context.OutputDir, graph, card, config);

        var metrics = new Dictionary<string, double>
        {
            ["macro_f1"] = model.MeanMacroF1, ["accuracy"] = model.MeanAccuracy,
            ["majority_macro_f1"] = majority.MeanMacroF1, ["logistic_macro_f1"] = logistic.MeanMacroF1,
        };
        if (transformer) { metrics["mlp_macro_f1"] = mlp.MeanMacroF1; metrics["mlp_accuracy"] = mlp.MeanAccuracy; }
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            metrics[$"{HealthLabels.TaskNames[t]}_macro_f1"] = model.MacroF1[t];
            metrics[$"{HealthLabels.TaskNames[t]}_accuracy"] = model.Accuracy[t];
            metrics[$"{HealthLabels.TaskNames[t]}_logistic_macro_f1"] = logistic.MacroF1[t];
            metrics[$"{HealthLabels.TaskNames[t]}_majority_macro_f1"] = majority.MacroF1[t];
        }
        return new TrainOutcome(modelPath, cardPath, metrics, duration);
    }

    private static TaskScores Score(ModelGraph graph, IReadOnlyList<HealthWindow> test)
    {
        using var backend = new OrtBackend(graph);
        return TaskScores.Of(test.Select(w => w.Labels).ToList(), HealthDataset.Predict(backend, test));
    }

    /// <param name="arch">The transformer's title, summary and architecture; null for the MLP's.</param>
    private static ModelCard BuildCard(TrainContext context, HealthDataSpec spec, HealthTrainConfig cfg, HealthSplitData data,
        TaskScores model, TaskScores majority, TaskScores logistic, HealthBaselines baselines, TimeSpan duration, HealthArchText? arch)
    {
        string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
        int inputs = HealthFeatures.InputSize(spec.Window);
        var card = new ModelCard
        {
            Title = arch?.Title ?? "health-events: next-day stress, readiness and sleep quality",
            Summary = arch?.Summary ?? $"Predicts tomorrow's self-reported stress, readiness and sleep quality (three classes each, on PMData's scales) from the past {spec.Window} days " +
                      "of wrist-wearable data (steps, calories, activity minutes, resting heart rate, heart-rate zones, sleep) and tomorrow's weekday. " +
                      "Small enough for a wearable's microcontroller; it takes raw daily readings (scaling is folded into the first layer). " +
                      "Figures are on people never seen in training.",
            Dataset = "health",
            Metric = "macro_f1",
            Architecture = arch?.Architecture ??
                $"Input `features` [1, {inputs}]: {spec.Window} days (oldest first) x {HealthFeatures.PerDay} raw columns " +
                $"({string.Join(", ", HealthFeatures.DayColumns)}), then the target day's weekday one-hot (Monday first). " +
                "A group of fields not recorded that day (tracker not worn, no sleep logged, no sleep score) has its values and its flag at 0.\n\n" +
                $"Gemm {inputs}->{cfg.Hidden1} (standardisation and masking folded in), ReLU, Gemm {cfg.Hidden1}->{cfg.Hidden2}, ReLU, then three heads " +
                $"Gemm {cfg.Hidden2}->3. Three outputs (logits, argmax is the class): `stress_logits`, `readiness_logits`, `sleep_quality_logits`. " +
                $"{HealthNet.ParameterCount(inputs, cfg.Hidden1, cfg.Hidden2):N0} parameters. Dropout {cfg.Dropout} in training only.",
            Data = (spec.PmDataPath != null
                       ? $"PMData read from `{spec.PmDataPath}` with the PMData reader (src/EdgeToolkit.Training/Health/PmDataReader.cs). "
                       : $"Generated wearable-like data (seed {spec.Seed}, {spec.People} people x {spec.DaysPerPerson} days) from the documented generative model " +
                         "in [docs/health-data.md](../../docs/health-data.md): per-person baselines (fitness, chronotype, stress proneness, sleep need), " +
                         "weekday/weekend cycles, day-to-day persistence, lagged and nonlinear effects (a hard day on short sleep raises the next day's stress; " +
                         "sleep debt past 45 min lowers readiness; exercise has an inverted-U effect on the next night's sleep quality), wear gaps. " +
                         "It follows PMData's fields and ranges; it is not real data. ") +
                   $"Split by person: {data.Split.Train.Count} train, {data.Split.Validation.Count} validation, {data.Split.Test.Count} test people " +
                   $"({data.Train.Count} / {data.Validation.Count} / {data.Test.Count} windows: days with all three reports and at least half the window worn).\n\n" +
                   "Classes: stress 1-2 / 3 / 4-5; readiness 0-4 / 5-7 / 8-10; sleep quality 1-2 / 3 / 4-5.",
            TrainingTime = duration,
            RetrainCommand = context.Command.Length > 0 ? context.Command
                : arch != null ? "./edgetk train health --arch transformer -o models/health-transformer" : "./edgetk train health -o models/health-events",
        };
        card.AddMetric("mean macro-F1 (3 tasks)", model.MeanMacroF1, $"held-out people, {data.Test.Count} windows, exported model in ONNX Runtime");
        card.AddMetric("mean accuracy (3 tasks)", model.MeanAccuracy, "same windows");
        for (int t = 0; t < HealthLabels.Tasks; t++)
        {
            card.AddMetric($"{HealthLabels.TaskNames[t]} macro-F1", model.MacroF1[t], $"vs logistic {F(logistic.MacroF1[t])}, majority {F(majority.MacroF1[t])}");
            card.AddMetric($"{HealthLabels.TaskNames[t]} accuracy", model.Accuracy[t], $"vs logistic {F(logistic.Accuracy[t])}, majority {F(majority.Accuracy[t])}");
        }

        var table = new StringBuilder();
        table.AppendLine("Same held-out windows. Majority: the training people's most frequent class. Logistic: multinomial logistic regression per task " +
                         "on the same scaled window, balanced class weights like the network, plain gradient descent with L2 " +
                         $"(chosen on validation people: {string.Join(", ", baselines.ChosenL2.Select(v => v.ToString("G2", CultureInfo.InvariantCulture)))}).\n");
        table.AppendLine("| task | model macro-F1 | logistic | majority | margin over logistic | model accuracy | logistic | majority |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int t = 0; t < HealthLabels.Tasks; t++)
            table.AppendLine($"| {HealthLabels.TaskNames[t]} | {F(model.MacroF1[t])} | {F(logistic.MacroF1[t])} | {F(majority.MacroF1[t])} | " +
                             $"{(model.MacroF1[t] - logistic.MacroF1[t]).ToString("+0.000;-0.000", CultureInfo.InvariantCulture)} | " +
                             $"{F(model.Accuracy[t])} | {F(logistic.Accuracy[t])} | {F(majority.Accuracy[t])} |");
        table.AppendLine($"| mean | {F(model.MeanMacroF1)} | {F(logistic.MeanMacroF1)} | {F(majority.MeanMacroF1)} | " +
                         $"{(model.MeanMacroF1 - logistic.MeanMacroF1).ToString("+0.000;-0.000", CultureInfo.InvariantCulture)} | " +
                         $"{F(model.MeanAccuracy)} | {F(logistic.MeanAccuracy)} | {F(majority.MeanAccuracy)} |");
        card.Sections.Add(("Baselines", table.ToString()));
        if (context.Quick) card.Sections.Add(("Quick run", "This folder comes from a Quick (test) run: tiny data and two epochs; its figures are not the model's."));
        return card;
    }
}
