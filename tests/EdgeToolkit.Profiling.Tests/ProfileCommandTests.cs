using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeToolkit.Cli.Pipeline;

namespace EdgeToolkit.Profiling.Tests;

/// <summary>The profile command's JSON contract and figures, on the built-in CNN (docs/profiler.md).</summary>
public class ProfileCommandTests(CnnProfileFixture cnn) : IClassFixture<CnnProfileFixture>
{
    private static readonly string[] ContractFields =
        { "target", "board", "flash_bytes", "ram_bytes", "arena_bytes", "stack_bytes", "instructions_per_inference", "p50_ns", "p99_ns", "layers" };

    [Fact]
    public void Every_target_carries_the_contract_fields_and_agrees_with_ort()
    {
        Assert.True(cnn.Exit == 0, cnn.Err);
        Assert.True((bool)cnn.Json["ok"]!);
        var targets = cnn.Json["targets"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.Equal(new[] { "ort", "host", "aarch64", "cortex-m4" }, targets.Select(t => (string)t["target"]!));
        foreach (var t in targets)
        {
            foreach (var f in ContractFields) Assert.True(t.ContainsKey(f), $"{t["target"]} has {f}");
            foreach (var l in t["layers"]!.AsArray())
                foreach (var f in new[] { "nodes", "op", "macs", "instructions", "ns" }) Assert.True(l!.AsObject().ContainsKey(f), $"layer field {f}");
            // Every figure given says how it was measured.
            var how = t["how"]!.AsObject();
            foreach (var f in ContractFields.Skip(2).Where(f => t[f] != null)) Assert.True(how.ContainsKey(f), $"{t["target"]}: how of {f}");
            if (t["target"]!.ToString() != "ort") Assert.True((bool)t["ok"]!);
        }
    }

    [Fact]
    public void Figures_that_do_not_apply_are_null()
    {
        var ort = cnn.Target("ort");
        foreach (var f in new[] { "board", "flash_bytes", "ram_bytes", "arena_bytes", "stack_bytes", "instructions_per_inference" }) Assert.Null(ort[f]);
        Assert.NotNull(ort["p50_ns"]); Assert.NotNull(ort["p99_ns"]); Assert.NotNull(ort["session_create_ms"]);
        Assert.True((double)ort["p50_ns"]! <= (double)ort["p99_ns"]!);

        var host = cnn.Target("host");
        Assert.Null(host["instructions_per_inference"]); Assert.Null(host["stack_bytes"]); Assert.Null(host["board"]);
        Assert.NotNull(host["p50_ns"]); Assert.NotNull(host["flash_bytes"]);
        Assert.All(host["layers"]!.AsArray(), l => { Assert.Null(l!["instructions"]); Assert.NotNull(l["ns"]); });

        var a64 = cnn.Target("aarch64");
        Assert.Null(a64["p50_ns"]); Assert.Null(a64["p99_ns"]); Assert.Null(a64["instructions_per_inference"]);
        Assert.NotNull(a64["flash_bytes"]);
        Assert.Contains("qemu-user has no cost counter", (string)a64["how"]!["p50_ns"]!);
        Assert.All(a64["layers"]!.AsArray(), l => { Assert.Null(l!["instructions"]); Assert.Null(l["ns"]); });

        var m4 = cnn.Target("cortex-m4");
        Assert.Equal("mps2-an386", (string)m4["board"]!);
        Assert.Null(m4["p50_ns"]); Assert.Null(m4["p99_ns"]);
        Assert.NotNull(m4["stack_bytes"]); Assert.NotNull(m4["latency_estimate_us"]);
        Assert.All(m4["layers"]!.AsArray(), l => { Assert.NotNull(l!["instructions"]); Assert.Null(l["ns"]); });
    }

    [Fact]
    public void Cortex_m4_layers_sum_to_the_whole_inference_and_repeat_exactly()
    {
        var m4 = cnn.Target("cortex-m4");
        long whole = (long)m4["instructions_per_inference"]!;
        long sum = m4["layers"]!.AsArray().Sum(l => (long)l!["instructions"]!);
        Assert.InRange(Math.Abs(sum - whole) / (double)whole, 0, 0.02);

        var (exit, again, err) = CliRunner.RunJson("profile", "builtin:cnn", "--targets", "cortex-m4", "--per-layer");
        Assert.True(exit == 0, err);
        var m4Again = again["targets"]!.AsArray().Single()!;
        Assert.Equal(whole, (long)m4Again["instructions_per_inference"]!);
        Assert.Equal(m4["layers"]!.AsArray().Select(l => (long)l!["instructions"]!), m4Again["layers"]!.AsArray().Select(l => (long)l!["instructions"]!));
    }

    [Fact]
    public void Layers_list_the_fused_nodes_of_each_kernel()
    {
        var layers = cnn.Target("cortex-m4")["layers"]!.AsArray();
        var c = Compiler.Compile(ModelSource.Load("builtin:cnn"), new ModelOptions { Target = "cortex-m4" });
        Assert.Equal(c.Code.Layers.Count, layers.Count);
        // Every graph node of the optimized CNN appears in exactly one kernel.
        var covered = layers.SelectMany(l => l!["nodes"]!.AsArray().Select(n => (string)n!)).ToList();
        // A kernel's first node is its producer, in graph order; the graph nodes without a kernel are aliases (a view of their input's bytes).
        var producers = layers.Where(l => l!["nodes"]!.AsArray().Count > 0).Select(l => (string)l!["nodes"]![0]!).ToList();
        Assert.Equal(c.Graph.Nodes.Select(n => n.Name).Where(producers.Contains), producers);
        Assert.All(c.Graph.Nodes.Where(n => !producers.Contains(n.Name)), n => Assert.Contains(n.OpType, new[] { "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity" }));
        Assert.Equal(covered.Count, covered.Distinct().Count());
        Assert.Equal(c.Code.Macs, layers.Sum(l => (long)l!["macs"]!));
    }

    [Fact]
    public void Reported_arena_is_the_generated_codes_and_the_schedule_peaks_there()
    {
        var c = Compiler.Compile(ModelSource.Load("builtin:cnn"), new ModelOptions { Target = "cortex-m4" });
        long define = long.Parse(Regex.Match(c.Code.Files["model.h"], @"#define\s+CNN_ARENA_BYTES\s+(\d+)").Groups[1].Value);
        foreach (var t in new[] { "host", "aarch64", "cortex-m4" })
        {
            Assert.Equal(define, (long)cnn.Target(t)["arena_bytes"]!);
            Assert.Equal(define, (long)cnn.Target(t)["arena_peak_live_bytes"]!);
            Assert.Equal(define, cnn.Target(t)["arena_live_bytes"]!.AsArray().Max(v => (long)v!));
        }
    }

    [Fact]
    public void Board_fits_use_measured_flash_and_ram_plus_stack()
    {
        var m4 = cnn.Target("cortex-m4");
        var an386 = cnn.Json["boards"]!.AsArray().Single(b => (string)b!["board"]! == "mps2-an386")!;
        Assert.Equal((long)m4["flash_bytes"]!, (long)an386["flash_bytes"]!);
        Assert.Equal((long)m4["ram_bytes"]! + (long)m4["stack_bytes"]!, (long)an386["ram_bytes"]!);
        Assert.Equal((long)an386["board_ram_bytes"]! - (long)an386["ram_bytes"]!, (long)an386["ram_margin_bytes"]!);
        Assert.True((bool)an386["fits"]!);
    }

    [Fact]
    public void Html_report_embeds_its_plots_as_png()
    {
        var html = File.ReadAllText(cnn.HtmlPath);
        var images = Regex.Matches(html, "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        // per-layer bars for 3 targets with costs (ort, host, cortex-m4), 2 histograms (ort, host), memory over the schedule
        Assert.True(images.Count >= 6, $"{images.Count} plots");
        Assert.All(images, png => Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]));
        Assert.Contains("qemu-user has no cost counter", html);
    }

    [ChromiumFact]
    public void Html_report_renders_in_headless_chromium()
    {
        var png = Path.Combine(Path.GetDirectoryName(cnn.HtmlPath)!, "screenshot.png");
        var profileDir = CliRunner.TempDir();
        try
        {
            var r = Targets.Tools.ProcessRunner.Run(ChromiumFactAttribute.Chromium, new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", $"--user-data-dir={profileDir}", $"--screenshot={png}", "--window-size=1200,2000", "file://" + cnn.HtmlPath,
            }, profileDir, TimeSpan.FromMinutes(2));
            Assert.True(File.Exists(png), r.CombinedOutput);
        }
        finally { Directory.Delete(profileDir, recursive: true); }

        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(1200, bitmap.Width);
        // A page with tables and plots has many colours; a blank or error page has a handful.
        var colours = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 4)
            for (int x = 0; x < bitmap.Width; x += 4) colours.Add((uint)bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 50, $"{colours.Count} distinct colours");
        Assert.True(new FileInfo(png).Length > 50_000, $"{new FileInfo(png).Length} bytes");
    }
}
