using System.IO.Pipes;
using System.Text;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources;

public class StdinSourceTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lines_are_passed_on_as_they_arrive_without_waiting_for_a_full_buffer()
    {
        var pipe = new SourcePipeStream();
        var recorder = new SourceRecorder { OnNextSignal = new() };
        var first = recorder.OnNextSignal;
        using var subscription = StdinSource.Read(pipe).Subscribe(recorder);

        pipe.Write("one\ntw");
        await first.Task.WaitAsync(Generous);
        Assert.Equal(["one"], recorder.Texts);

        pipe.Write("o\nthree");
        pipe.End();
        await recorder.Done.WaitAsync(Generous);

        Assert.True(recorder.Completed);
        Assert.Equal([(1L, "one"), (2L, "two"), (3L, "three")], recorder.Numbered);
    }

    [Fact]
    public async Task Reads_on_its_own_thread()
    {
        var pipe = new SourcePipeStream();
        var recorder = new SourceRecorder();
        using var subscription = StdinSource.Read(pipe).Subscribe(recorder);

        pipe.Write("x\n");
        pipe.End();
        await recorder.Done.WaitAsync(Generous);

        Assert.NotEqual(Environment.CurrentManagedThreadId, recorder.NextThreadId);
    }

    [Fact]
    public async Task Works_over_an_os_pipe()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var recorder = new SourceRecorder { OnNextSignal = new() };
        var first = recorder.OnNextSignal;
        using var subscription = StdinSource.Read(client).Subscribe(recorder);

        server.Write(Encoding.UTF8.GetBytes("127.0.0.1 - - line one\npartial"));
        server.Flush();
        await first.Task.WaitAsync(Generous);
        server.Write(Encoding.UTF8.GetBytes(" end\n"));
        server.Dispose();                       // EOF for the reader
        await recorder.Done.WaitAsync(Generous);

        Assert.True(recorder.Completed);
        Assert.Equal(["127.0.0.1 - - line one", "partial end"], recorder.Texts);
    }

    [Fact]
    public async Task Disposal_returns_while_a_read_is_blocked()
    {
        var pipe = new SourcePipeStream();
        var recorder = new SourceRecorder();
        var subscription = StdinSource.Read(pipe).Subscribe(recorder);
        await pipe.ReadBlocked.Task.WaitAsync(Generous);

        await Task.Run(subscription.Dispose).WaitAsync(Generous);   // would hang if disposal joined the reader

        Assert.Equal(0, recorder.Chunks);
        Assert.False(recorder.Completed);
        pipe.End();                                                 // lets the abandoned reader end
    }

    [Fact]
    public async Task An_io_error_ends_the_sequence_with_it()
    {
        var pipe = new SourcePipeStream();
        var recorder = new SourceRecorder();
        using var subscription = StdinSource.Read(pipe).Subscribe(recorder);

        pipe.Write("a\n");
        pipe.Fail(new IOException("broken"));
        await recorder.Done.WaitAsync(Generous);

        Assert.Equal(["a"], recorder.Texts);
        Assert.Equal("broken", recorder.Error?.Message);
    }

    [Fact]
    public async Task An_empty_input_completes_without_chunks()
    {
        var pipe = new SourcePipeStream();
        var recorder = new SourceRecorder();
        using var subscription = StdinSource.Read(pipe).Subscribe(recorder);

        pipe.End();
        await recorder.Done.WaitAsync(Generous);

        Assert.True(recorder.Completed);
        Assert.Equal(0, recorder.Chunks);
    }
}
