using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// Ids in a file of 17-byte records, read with positioned reads: the kernel's page cache holds
/// what is read often, and the process's resident memory does not. The file is a copy of what the
/// log (or checkpoint) already holds, written whole at each compaction; it is removed from its
/// directory as soon as it is opened, so nothing is left behind however the process ends.
/// </summary>
internal sealed class FileIds : SealedIds
{
    private static readonly int Size = Marshal.SizeOf<EventIdKey>();
    private readonly SafeFileHandle _handle;

    private FileIds(SafeFileHandle handle, int count)
    {
        _handle = handle;
        Count = count;
    }

    public override int Count { get; }

    public override long MemoryBytes => 0;

    public override void Read(int start, Span<EventIdKey> destination)
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        var offset = (long)start * Size;
        while (!bytes.IsEmpty)
        {
            var read = RandomAccess.Read(_handle, bytes, offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"The id file ends before row {offset / Size}.");
            }
            bytes = bytes[read..];
            offset += read;
        }
    }

    public override void Dispose() => _handle.Dispose();

    /// <summary>Writes a new id file, front to back.</summary>
    internal sealed class Writer : SealedIdsWriter
    {
        private const int BufferRecords = 1 << 16;
        private readonly SafeFileHandle _handle;
        private readonly EventIdKey[] _buffer = new EventIdKey[BufferRecords];
        private int _buffered;
        private long _offset;
        private int _count;
        private bool _completed;

        public Writer(string directory)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"ids-{Guid.NewGuid():N}.tmp");
            _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, FileOptions.DeleteOnClose);
            File.Delete(path);
        }

        public override void Append(ReadOnlySpan<EventIdKey> ids)
        {
            while (!ids.IsEmpty)
            {
                var n = Math.Min(ids.Length, BufferRecords - _buffered);
                ids[..n].CopyTo(_buffer.AsSpan(_buffered));
                _buffered += n;
                _count += n;
                ids = ids[n..];
                if (_buffered == BufferRecords)
                {
                    Flush();
                }
            }
        }

        public override SealedIds Complete()
        {
            Flush();
            _completed = true;
            return new FileIds(_handle, _count);
        }

        public override void Dispose()
        {
            // Only a writer that never completed still owns its file.
            if (!_completed)
            {
                _handle.Dispose();
            }
        }

        private void Flush()
        {
            var bytes = MemoryMarshal.AsBytes(_buffer.AsSpan(0, _buffered));
            RandomAccess.Write(_handle, bytes, _offset);
            _offset += bytes.Length;
            _buffered = 0;
        }
    }
}
