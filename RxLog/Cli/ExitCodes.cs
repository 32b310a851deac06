namespace RxLog.Cli;

/// <summary>Every exit code rxlog returns (CONTRACT.md "Exit codes").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary><c>check</c>: at least one alert fired, even if it recovered.</summary>
    public const int AlertFired = 1;
    /// <summary>Usage error, unreadable or missing input, or an input with invalid lines and no record.</summary>
    public const int Usage = 2;
    public const int Interrupted = 130;
    public const int OutputClosed = 141;
    public const int Terminated = 143;
}
