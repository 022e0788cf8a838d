using System.Text;

namespace EdgeToolkit.CodeGen;

/// <summary>Writes indented C text. Blocks are opened with Block("for (...)") and closed by disposing.</summary>
public sealed class CWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public CWriter Line(string text = "")
    {
        if (text.Length > 0) _sb.Append(' ', _indent * 4).Append(text);
        _sb.Append('\n');
        return this;
    }

    public CWriter Lines(string multiLine)
    {
        foreach (var l in multiLine.Replace("\r", "").TrimEnd('\n').Split('\n')) Line(l);
        return this;
    }

    /// <summary>Opens "head {" and returns a handle whose Dispose writes "}".</summary>
    public IDisposable Block(string head, string close = "}")
    {
        Line(head + " {");
        _indent++;
        return new Closer(this, close);
    }

    /// <summary>Opens a bare "{" scope (for block-local declarations) closed by disposing.</summary>
    public IDisposable Scope()
    {
        Line("{");
        _indent++;
        return new Closer(this, "}");
    }

    public void Indent() => _indent++;
    public void Dedent() => _indent--;
    public override string ToString() => _sb.ToString();

    private sealed class Closer(CWriter w, string close) : IDisposable
    {
        public void Dispose() { w._indent--; w.Line(close); }
    }
}
