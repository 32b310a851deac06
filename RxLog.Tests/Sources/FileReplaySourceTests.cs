using System.IO.Compression;
using System.Text;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources;

public sealed class FileReplaySourceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    [Fact]
    public void Reads_the_whole_file_on_the_subscribing_thread_and_completes()
    {
        string path = _dir.File("access.log");
        File.WriteAllText(path, "\uFEFFone\r\ntwo\nthree");
        var recorder = new SourceRecorder();

        using (FileReplaySource.Read(path).Subscribe(recorder))
        {
            Assert.True(recorder.Completed);   // synchronous: done before Subscribe returns
        }

        Assert.Equal([(1L, "one\r"), (2L, "two"), (3L, "three")], recorder.Numbered);
        Assert.Equal(Environment.CurrentManagedThreadId, recorder.NextThreadId);
    }

    [Fact]
    public void An_empty_file_completes_without_chunks()
    {
        string path = _dir.File("empty.log");
        File.WriteAllBytes(path, []);
        var recorder = new SourceRecorder();

        FileReplaySource.Read(path).Subscribe(recorder).Dispose();

        Assert.True(recorder.Completed);
        Assert.Equal(0, recorder.Chunks);
    }

    [Fact]
    public void A_gzip_file_is_decompressed()
    {
        string path = _dir.File("access.log.2.gz");
        File.WriteAllBytes(path, Gzip("\uFEFFa\nb\n"));
        var recorder = new SourceRecorder();

        FileReplaySource.Read(path).Subscribe(recorder).Dispose();

        Assert.True(recorder.Completed);
        Assert.Equal(["a", "b"], recorder.Texts);
    }

    [Fact]
    public void Gzip_on_a_pipe_is_detected_too()
    {
        var pipe = SourceScriptedStream.InPiecesOf(1, Gzip("piped\n"));
        var recorder = new SourceRecorder();

        FileReplaySource.ReadStream(pipe, "-").Subscribe(recorder).Dispose();

        Assert.Equal(["piped"], recorder.Texts);
    }

    [Fact]
    public void A_plain_pipe_starting_with_the_first_gzip_byte_is_read_as_is()
    {
        var pipe = SourceScriptedStream.InPiecesOf(1, [0x1f, (byte)'\n', (byte)'x', (byte)'\n']);
        var recorder = new SourceRecorder();

        FileReplaySource.ReadStream(pipe, "-").Subscribe(recorder).Dispose();

        Assert.Equal([new byte[] { 0x1f }, "x"u8.ToArray()], recorder.Lines.Select(l => l.Bytes));
    }

    [Fact]
    public void A_damaged_gzip_file_ends_with_an_error()
    {
        string path = _dir.File("bad.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        var recorder = new SourceRecorder();

        FileReplaySource.Read(path).Subscribe(recorder).Dispose();

        Assert.IsType<InvalidDataException>(recorder.Error);
    }

    [Fact]
    public void A_read_error_ends_with_an_error_after_the_lines_before_it()
    {
        var stream = new SourceScriptedStream([Encoding.UTF8.GetBytes("a\nb")], new IOException("disk"));
        var recorder = new SourceRecorder();

        FileReplaySource.ReadStream(stream, "x").Subscribe(recorder).Dispose();

        Assert.Equal(["a"], recorder.Texts);
        Assert.Equal("disk", recorder.Error?.Message);
    }

    [Fact]
    public void A_missing_file_ends_with_an_error()
    {
        var recorder = new SourceRecorder();

        FileReplaySource.Read(_dir.File("nope.log")).Subscribe(recorder).Dispose();

        Assert.IsType<FileNotFoundException>(recorder.Error);
    }

    [Fact]
    public void Cancellation_stops_reading_and_completes_like_the_end_of_input()
    {
        using var cancel = new CancellationTokenSource();
        var stream = new SourceScriptedStream([Encoding.UTF8.GetBytes("a\n"), Encoding.UTF8.GetBytes("b\n")]);
        var recorder = new SourceRecorder();

        FileReplaySource.ReadStream(stream, "x", cancel.Token)
                        .Subscribe(System.Reactive.Observer.Create<LineChunk>(c => { recorder.OnNext(c); cancel.Cancel(); },
                            recorder.OnCompleted))
                        .Dispose();

        Assert.Equal(["a"], recorder.Texts);
        Assert.True(recorder.Completed);
    }

    [Fact]
    public void An_exception_thrown_by_the_observer_is_not_reported_as_an_input_error()
    {
        string path = _dir.File("a.log");
        File.WriteAllText(path, "a\n");
        Exception? error = null;

        var thrown = Assert.Throws<IOException>(() => FileReplaySource.Read(path).Subscribe(
            _ => throw new IOException("stdout closed"), e => error = e));

        Assert.Equal("stdout closed", thrown.Message);
        Assert.Null(error);
    }

    private static string? ProblemWith(string path)
    {
        string? problem = FileReplaySource.TryOpen(path, out var file);
        file?.Dispose();
        return problem;
    }

    [Fact]
    public void TryOpen_names_what_is_wrong_in_one_line()
    {
        string file = _dir.File("ok.log");
        File.WriteAllText(file, "");

        Assert.Null(ProblemWith(file));
        Assert.Null(ProblemWith("-"));
        Assert.Equal($"no such file: {_dir.File("nope.log")}", ProblemWith(_dir.File("nope.log")));
        Assert.Equal($"no such file: {_dir.File("no/dir.log")}", ProblemWith(_dir.File("no/dir.log")));
        Assert.Equal($"is a directory: {_dir.Path}", ProblemWith(_dir.Path));
    }

    [Fact]
    public void TryOpen_reports_permission_denied()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return;   // root reads anything
        string file = _dir.File("secret.log");
        File.WriteAllText(file, "x\n");
        File.SetUnixFileMode(file, UnixFileMode.None);

        Assert.Equal($"permission denied: {file}", ProblemWith(file));
    }
}
