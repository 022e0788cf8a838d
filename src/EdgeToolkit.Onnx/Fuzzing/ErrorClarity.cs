using EdgeToolkit.Graph;
using Google.Protobuf;

namespace EdgeToolkit.Onnx.Fuzzing;

/// <summary>
/// Whether an error is one a user can act on: it names the file, states the problem, says what
/// to do, and is not a crash that a catch-all re-labelled (an IndexOutOfRange wrapped as "not a
/// valid model" reads fine but means the reader has a bug).
/// </summary>
public static class ErrorClarity
{
    /// <summary>Null when the error is clear; otherwise what is wrong with it.</summary>
    public static string? Judge(EdgeToolkitException e, string file)
    {
        if (e.Kind != ErrorKind.BadInput) return $"kind {e.Kind}, expected BadInput";
        if (e.File != file) return e.File == null ? "does not name the file" : $"names '{e.File}' instead of the file";
        if (string.IsNullOrWhiteSpace(e.Problem)) return "states no problem";
        if (string.IsNullOrWhiteSpace(e.Hint)) return "says nothing about what to do";
        if (MaskedCrash(e) is { } crash) return $"hides a crash: {crash.GetType().Name}: {crash.Message}";
        return null;
    }

    /// <summary>
    /// The first exception in the chain that signals a bug rather than a complaint. Operator rules
    /// throw InvalidOperationException or ArgumentException with their own wording ("dims 28 and 0
    /// cannot be broadcast"), which the toolkit wraps with the node and a hint; the runtime's own
    /// exceptions (an index out of range, a null) never say anything a user can act on. A protobuf
    /// parse error ends the search: what it wraps (a UTF-8 decoder's complaint) is its way of
    /// saying the bytes are bad.
    /// </summary>
    private static Exception? MaskedCrash(Exception e)
    {
        for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
        {
            if (inner is InvalidProtocolBufferException) return null;
            var type = inner.GetType();
            if (type != typeof(EdgeToolkitException) && type != typeof(InvalidOperationException) && type != typeof(ArgumentException)) return inner;
        }
        return null;
    }
}
