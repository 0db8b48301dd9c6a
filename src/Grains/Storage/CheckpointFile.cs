using System.Buffers.Binary;
using System.IO.Hashing;

namespace UserAnalytics.Grains.Storage;

/// <summary>
/// One checkpoint on disk: the magic <c>UACKPT01</c>, the <see cref="LogPosition"/> it was taken at,
/// the body, and an XXH3 checksum of everything before it. Written to a temporary file, flushed and
/// renamed, so a crash leaves the previous checkpoint or the new one, never a mix. The body's binary
/// form is the machine's (little-endian), which is fine for a local cache.
/// </summary>
internal static class CheckpointFile
{
    private const int Buffer = 1 << 20;
    private static ReadOnlySpan<byte> Magic => "UACKPT01"u8;

    /// <summary>Writes a checkpoint and returns its size in bytes.</summary>
    public static long Write(string path, LogPosition position, Action<BinaryWriter> body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        long length;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan))
        {
            var hashing = new HashingStream(file);
            using (var writer = new BinaryWriter(new BufferedStream(hashing, Buffer), System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(position.Records);
                writer.Write(position.LastRecordCrc);
                body(writer);
            }
            Span<byte> checksum = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(checksum, hashing.Hash.GetCurrentHashAsUInt64());
            file.Write(checksum);
            file.Flush(flushToDisk: true);
            length = file.Length;
        }
        File.Move(temporary, path, overwrite: true);
        return length;
    }

    /// <summary>Reads a checkpoint written by <see cref="Write"/>: the checksum is verified before the
    /// body is parsed, so a damaged file is reported as such and never half-read.</summary>
    /// <exception cref="InvalidDataException">The file is not an intact checkpoint.</exception>
    public static (T Body, LogPosition Position) Read<T>(string path, Func<BinaryReader, T> body)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var length = file.Length;
        if (length < Magic.Length + 20)
        {
            throw new InvalidDataException($"{path} is too short to be a checkpoint.");
        }
        Verify(file, length - 8, path);
        file.Position = 0;
        using var reader = new BinaryReader(new BufferedStream(file, Buffer), System.Text.Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a checkpoint (bad magic).");
        }
        var position = new LogPosition(reader.ReadInt64(), reader.ReadUInt32());
        return (body(reader), position);
    }

    private static void Verify(FileStream file, long bodyLength, string path)
    {
        var hash = new XxHash3();
        var buffer = new byte[Buffer];
        var left = bodyLength;
        while (left > 0)
        {
            var n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                throw new InvalidDataException($"{path} ended while being read.");
            }
            hash.Append(buffer.AsSpan(0, n));
            left -= n;
        }
        Span<byte> stored = stackalloc byte[8];
        file.ReadExactly(stored);
        if (BinaryPrimitives.ReadUInt64LittleEndian(stored) != hash.GetCurrentHashAsUInt64())
        {
            throw new InvalidDataException($"{path} does not match its checksum.");
        }
    }

    /// <summary>Passes writes through to a file, hashing them on the way.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        public XxHash3 Hash { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Hash.Append(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
