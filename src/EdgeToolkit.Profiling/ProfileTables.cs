using Spectre.Console;

namespace EdgeToolkit.Profiling;

/// <summary>Terminal tables for people (Spectre.Console): one per target, every figure with how it was measured.</summary>
public static class ProfileTables
{
    public static IEnumerable<Table> For(ProfileReport report)
    {
        foreach (var t in report.Targets)
        {
            var table = new Table().Title(Markup.Escape($"{report.Model} on {t.Label}"))
                .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("how it was measured");
            foreach (var (figure, value, key) in FigureText.Rows(t))
                table.AddRow(Markup.Escape(figure), Markup.Escape(value), Markup.Escape(t.How.GetValueOrDefault(key) ?? ""));
            yield return table;
            if (t.Layers is { Count: > 0 }) yield return Layers(t);
        }
        if (report.Boards.Count > 0) yield return Boards(report.Boards);
    }

    public static Table Layers(TargetProfile t)
    {
        var table = new Table().Title(Markup.Escape($"per layer on {t.Label}"))
            .AddColumn(new TableColumn("#").RightAligned()).AddColumn("op").AddColumn("nodes")
            .AddColumn(new TableColumn("MACs").RightAligned()).AddColumn(new TableColumn("instructions").RightAligned())
            .AddColumn(new TableColumn("time").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        double total = t.Layers!.Sum(l => (double?)l.Instructions ?? l.Ns ?? 0);
        foreach (var l in t.Layers!)
        {
            double cost = (double?)l.Instructions ?? l.Ns ?? 0;
            table.AddRow(l.Index.ToString(), Markup.Escape(l.Op), Markup.Escape(string.Join(", ", l.Nodes)), FigureText.Count(l.Macs),
                FigureText.Count(l.Instructions), FigureText.Ns(l.Ns), total > 0 ? $"{100 * cost / total:0.0}%" : "-");
        }
        return table;
    }

    public static Table Boards(IReadOnlyList<BoardFit> boards)
    {
        var table = new Table().Title("fits the boards of hardware/?")
            .AddColumn("board").AddColumn("core").AddColumn(new TableColumn("flash need / board").RightAligned())
            .AddColumn(new TableColumn("RAM need / board").RightAligned()).AddColumn("fits").AddColumn("basis");
        foreach (var b in boards)
            table.AddRow(b.Board, b.Core, Markup.Escape($"{FigureText.Bytes(b.FlashBytes)} / {FigureText.Bytes(b.BoardFlashBytes)}"),
                Markup.Escape($"{FigureText.Bytes(b.RamBytes)} / {FigureText.Bytes(b.BoardRamBytes)}"),
                b.Fits ? "[green]yes[/]" : $"[red]{Markup.Escape("NO: misses by " + Misses(b))}[/]", Markup.Escape(b.Basis));
        return table;
    }

    public static string Misses(BoardFit b) => string.Join(", ",
        new[] { b.FlashMarginBytes < 0 ? $"{FigureText.Bytes(-b.FlashMarginBytes)} of flash" : null,
                b.RamMarginBytes < 0 ? $"{FigureText.Bytes(-b.RamMarginBytes)} of RAM" : null }.OfType<string>());

    /// <summary>Ratios b/a of every numeric figure, per target both sides profiled.</summary>
    public static Table Ratios(ProfileComparison comparison)
    {
        var json = comparison.ToJson();
        var ratios = json["ratios"]!.AsObject();
        var figures = ratios.SelectMany(t => t.Value!.AsObject().Select(f => f.Key)).Distinct().ToList();
        var table = new Table().Title(Markup.Escape($"ratios b/a: {comparison.B.Model} / {comparison.A.Model}")).AddColumn("figure");
        foreach (var (target, _) in ratios) table.AddColumn(new TableColumn(Markup.Escape(target)).RightAligned());
        foreach (var f in figures)
            table.AddRow(new[] { Markup.Escape(f) }.Concat(ratios.Select(t => t.Value![f] is { } v
                ? ((double)v).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "-")).ToArray());
        return table;
    }
}
