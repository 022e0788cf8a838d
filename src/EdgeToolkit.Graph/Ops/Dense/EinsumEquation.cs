namespace EdgeToolkit.Graph.Ops.Dense;

/// <summary>
/// A parsed Einsum equation, e.g. "bij,bjk->bik" or implicit "ij,jk". "..." stands for the
/// broadcast dims, which are given labels of their own (right-aligned across inputs, as numpy
/// does). In implicit mode the output is the ellipsis dims, then the labels used exactly once in
/// ascending character order.
/// </summary>
internal sealed class EinsumEquation
{
    /// <summary>Per input, its dims' labels; the ellipsis dims are labels '\u0100' + j.</summary>
    public IReadOnlyList<char[]> Inputs { get; }
    public char[] Output { get; }

    private EinsumEquation(IReadOnlyList<char[]> inputs, char[] output) { Inputs = inputs; Output = output; }

    public static EinsumEquation Parse(string equation, IReadOnlyList<int> ranks)
    {
        var eq = new string(equation.Where(c => !char.IsWhiteSpace(c)).ToArray());
        int arrow = eq.IndexOf("->", StringComparison.Ordinal);
        var terms = (arrow >= 0 ? eq[..arrow] : eq).Split(',');
        if (terms.Length != ranks.Count) throw new ArgumentException($"equation '{equation}' has {terms.Length} inputs, the node {ranks.Count}");
        int ellipsisRank = 0;
        for (int i = 0; i < terms.Length; i++)
            if (terms[i].Contains("...")) ellipsisRank = Math.Max(ellipsisRank, ranks[i] - (terms[i].Length - 3));
        var inputs = terms.Select((t, i) => Expand(t, ranks[i], ellipsisRank, equation)).ToList();
        char[] output;
        if (arrow >= 0) output = Expand(eq[(arrow + 2)..], null, ellipsisRank, equation);
        else
        {
            var counts = inputs.SelectMany(l => l).Where(c => c < '\u0100').GroupBy(c => c).Where(g => g.Count() == 1).Select(g => g.Key);
            output = Enumerable.Range(0, ellipsisRank).Select(j => (char)('\u0100' + j)).Concat(counts.OrderBy(c => c)).ToArray();
        }
        if (output.Distinct().Count() != output.Length) throw new ArgumentException($"output of '{equation}' repeats a label");
        var used = new HashSet<char>(inputs.SelectMany(l => l));
        foreach (var c in output)
            if (!used.Contains(c)) throw new ArgumentException($"output label '{c}' of '{equation}' appears in no input");
        return new EinsumEquation(inputs, output);
    }

    /// <summary>Labels of one term with "..." replaced by ellipsis labels; checks the rank when known.</summary>
    private static char[] Expand(string term, int? rank, int ellipsisRank, string equation)
    {
        int dots = term.IndexOf("...", StringComparison.Ordinal);
        if (term.Any(c => c != '.' && !char.IsAsciiLetter(c))) throw new ArgumentException($"term '{term}' of '{equation}' has a character that is not a letter");
        if (dots < 0)
        {
            if (rank is { } r && r != term.Length) throw new ArgumentException($"term '{term}' of '{equation}' has {term.Length} labels for rank {r}");
            return term.ToCharArray();
        }
        int letters = term.Length - 3, mine = rank.HasValue ? rank.Value - letters : ellipsisRank;
        if (mine < 0) throw new ArgumentException($"term '{term}' of '{equation}' has more labels than rank {rank}");
        var ell = Enumerable.Range(ellipsisRank - mine, mine).Select(j => (char)('\u0100' + j));
        return term[..dots].Concat(ell).Concat(term[(dots + 3)..]).ToArray();
    }
}
