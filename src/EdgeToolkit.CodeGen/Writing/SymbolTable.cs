namespace EdgeToolkit.CodeGen.Writing;

/// <summary>Hands out C identifiers that are unique within one generated model and never C keywords.</summary>
internal sealed class SymbolTable
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern", "float",
        "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed", "sizeof", "static",
        "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Bool", "_Complex", "_Imaginary",
        "main", "arena", "arena_memory", "scratch", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
    };

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>A fresh identifier made from any text: name, name_2, name_3...</summary>
    public string Unique(string text)
    {
        var id = CNames.Identifier(text);
        if (Reserved.Contains(id) || id.StartsWith("etk_", StringComparison.Ordinal) || id.StartsWith("EDGETK", StringComparison.Ordinal)) id += "_v";
        var candidate = id;
        for (int k = 2; !_used.Add(candidate); k++) candidate = $"{id}_{k}";
        return candidate;
    }
}
