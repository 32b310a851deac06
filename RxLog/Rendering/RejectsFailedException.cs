namespace RxLog.Rendering;

/// <summary>The <c>--rejects</c> file could not be written (disk full, closed): a usage-level failure, not an input one.</summary>
public sealed class RejectsFailedException(string path, Exception inner)
    : Exception($"--rejects: cannot write {path}: {inner.Message}", inner);
