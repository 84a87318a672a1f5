using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// An open <see cref="InMemoryFileNode"/>. Every call completes synchronously; failures are returned as faulted
    /// tasks, as an asynchronous implementation would. Reads and writes allocate nothing beyond new pages.
    /// </summary>
    internal sealed class InMemoryFileHandle : IFileHandle
    {
        private readonly InMemoryFileNode _node;
        private readonly InMemoryVolume _volume;
        private readonly string _path;
        private readonly bool _canRead;
        private readonly bool _canWrite;
        private int _disposed;

        public InMemoryFileHandle(InMemoryFileNode node, InMemoryVolume volume, string path, FileOpenMode mode)
        {
            _node = node;
            _volume = volume;
            _path = path;
            _canRead = mode != FileOpenMode.Write;
            _canWrite = mode != FileOpenMode.Read;
        }

        public ValueTask<int> ReadAsync(long fileOffset, Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var error = Check(cancellationToken, _canRead, "read") ?? CheckOffset(fileOffset);
            return error is null ? new ValueTask<int>(_node.Read(fileOffset, buffer.Span)) : new ValueTask<int>(Task.FromException<int>(error));
        }

        public ValueTask WriteAsync(long fileOffset, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var hold = _volume.Faults.FindWriteHold(_path);
            if (hold is not null)
            {
                return WriteWhenReleasedAsync(hold, fileOffset, buffer, cancellationToken);
            }

            var error = Write(fileOffset, buffer, cancellationToken);
            return error is null ? default : new ValueTask(Task.FromException(error));
        }

        public ValueTask<long> GetLengthAsync(CancellationToken cancellationToken = default)
        {
            var error = Check(cancellationToken, true, "stat");
            return error is null ? new ValueTask<long>(_node.Length) : new ValueTask<long>(Task.FromException<long>(error));
        }

        public ValueTask SetLengthAsync(long length, CancellationToken cancellationToken = default)
        {
            var error = Check(cancellationToken, _canWrite, "resize") ?? CheckOffset(length);
            if (error is null && !_node.SetLength(length))
            {
                error = new StorageException(StorageErrorKind.DiskFull, _path, "'" + _path + "' cannot grow to " + length + " bytes.");
            }

            return error is null ? default : new ValueTask(Task.FromException(error));
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken = default)
        {
            var error = Check(cancellationToken, true, "flush");
            return error is null ? default : new ValueTask(Task.FromException(error));
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _node.RemoveOpen();
                _volume.HandleClosed();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        private async ValueTask WriteWhenReleasedAsync(InMemoryWriteHold hold, long fileOffset, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        {
            await hold.Arrive().ConfigureAwait(false);
            var error = Write(fileOffset, buffer, cancellationToken);
            if (error is not null)
            {
                throw error;
            }
        }

        private Exception? Write(long fileOffset, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        {
            var error = Check(cancellationToken, _canWrite, "write") ?? CheckOffset(fileOffset);
            if (error is null && _volume.Faults.ConsumeWriteFailure())
            {
                error = new StorageException(StorageErrorKind.IOError, _path, "Injected write failure on '" + _path + "'.");
            }

            if (error is null && !_node.Write(fileOffset, buffer.Span, enforceCapacity: true))
            {
                error = new StorageException(StorageErrorKind.DiskFull, _path, "No space left for " + buffer.Length + " bytes at " + fileOffset + " of '" + _path + "'.");
            }

            return error;
        }

        private static Exception? CheckOffset(long value) =>
            value < 0 ? new ArgumentOutOfRangeException(nameof(value), value, "A file offset or length cannot be negative.") : null;

        private Exception? Check(CancellationToken cancellationToken, bool allowed, string operation)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return new ObjectDisposedException(nameof(InMemoryFileHandle), "The handle of '" + _path + "' is closed.");
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return new OperationCanceledException(cancellationToken);
            }

            return allowed ? null : new StorageException(StorageErrorKind.AccessDenied, _path, "'" + _path + "' is not open for " + operation + ".");
        }
    }
}
