using System.Reactive.Concurrency;

namespace RxLog.Tests.Support;

/// <summary>Records every notification together with the scheduler's (virtual) time.</summary>
/// <param name="keep">What to keep of a value handed on for its <c>OnNext</c> only (a closed second, a decision: their
/// <c>Copy</c>); the value itself when null.</param>
public sealed class Recorder<T>(IScheduler scheduler, Func<T, T>? keep = null) : IObserver<T>
{
    public List<(DateTimeOffset At, T Value)> Values { get; } = new();
    public DateTimeOffset? CompletedAt { get; private set; }
    public Exception? Error { get; private set; }
    public void OnNext(T value) => Values.Add((scheduler.Now, keep is null ? value : keep(value)));
    public void OnCompleted() => CompletedAt = scheduler.Now;
    public void OnError(Exception error) => Error = error;
}
