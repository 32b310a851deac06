namespace RxLog.Pipeline;

/// <summary>Whoever read our stdout went away (<c>rxlog … | head</c>): stop quietly (CONTRACT.md exit 141).</summary>
public sealed class OutputClosedException(IOException inner) : Exception("output closed", inner)
{
    private const int BrokenPipe = 32;   // EPIPE, which .NET gives as the IOException's HResult on Unix

    /// <summary>The exception a failed write to the output becomes: closed when the reader went away (EPIPE), else
    /// <see cref="OutputFailedException"/> (a full disk, an I/O error), which is an error to report, not a quiet stop.</summary>
    public static Exception For(IOException error) =>
        error.HResult == BrokenPipe ? new OutputClosedException(error) : new OutputFailedException(error);
}

/// <summary>Writing the output failed for another reason than a closed pipe (<c>No space left on device</c>): one
/// <c>rxlog: </c> line and exit 2, so a CI job cannot mistake a truncated report for a finished one.</summary>
public sealed class OutputFailedException(IOException inner) : Exception($"cannot write the output: {inner.Message}", inner);
