namespace RxLog.Pipeline;

/// <summary>Whoever read our stdout went away (<c>rxlog … | head</c>): stop quietly (CONTRACT.md exit 141).</summary>
public sealed class OutputClosedException(IOException inner) : Exception("output closed", inner);
