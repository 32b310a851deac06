using System.Reactive.Concurrency;

namespace RxLog.Tests.Support;

/// <summary>Records every notification together with the scheduler's (virtual) time.</summary>
public sealed class Recorder<T>(IScheduler scheduler) : IObserver<T>
{
    public List<(DateTimeOffset At, T Value)> Values { get; } = new();
    public DateTimeOffset? CompletedAt { get; private set; }
    public Exception? Error { get; private set; }
    public void OnNext(T value) => Values.Add((scheduler.Now, value));
    public void OnCompleted() => CompletedAt = scheduler.Now;
    public void OnError(Exception error) => Error = error;
}
