using System.Text.RegularExpressions;

namespace EdgeToolkit.CodeGen.Writing;

internal static class CodeText
{
    /// <summary>Whether C code names an identifier (as a whole token).</summary>
    public static bool Mentions(string code, string identifier) =>
        Regex.IsMatch(code, $@"(?<![A-Za-z0-9_]){Regex.Escape(identifier)}(?![A-Za-z0-9_])");
}
