using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
#if !NET8_0_OR_GREATER
using System.Buffers;
using System.Runtime.InteropServices;
#endif

namespace JsTorrent.Adapters.Native
{
    /// <summary>
    /// An open file of <see cref="NativeFileSystem"/>. On .NET 8 and later, reads and writes are positioned
    /// (<c>RandomAccess</c>), so any number run at once; on netstandard2.0 the stream has a cursor, so each
    /// one seeks and transfers under a per-handle gate. Errors become <see cref="StorageException"/>.
    /// </summary>
    internal sealed class NativeFileHandle : IFileHandle
    {
        private readonly FileStream _stream;
        private readonly string _path;
        private readonly bool _canRead;
        private readonly bool _canWrite;
#if NET8_0_OR_GREATER
        // Read once: FileStream.SafeFileHandle re-syncs the stream's position on every access,
        // which cost an lseek per block.
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle;
#else
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
#endif
        private int _disposed;

        public NativeFileHandle(FileStream stream, string path, FileOpenMode mode)
        {
            _stream = stream;
            _path = path;
            _canRead = mode != FileOpenMode.Write;
            _canWrite = mode != FileOpenMode.Read;
#if NET8_0_OR_GREATER
            _handle = stream.SafeFileHandle;
#endif
        }

        public async ValueTask<int> ReadAsync(long fileOffset, Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(cancellationToken, _canRead, "read");
            CheckOffset(fileOffset);
            try
            {
                // A read may return less than asked before the end (signals, network file systems): keep going until full or EOF.
                int total = 0;
                while (total < buffer.Length)
                {
                    int read = await ReadOnceAsync(fileOffset + total, buffer.Slice(total), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total;
            }
            catch (Exception e)
            {
                throw NativeFileErrors.Wrap(e, _path, "read");
            }
        }

        public async ValueTask WriteAsync(long fileOffset, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(cancellationToken, _canWrite, "write");
            CheckOffset(fileOffset);
            try
            {
#if NET8_0_OR_GREATER
                await RandomAccess.WriteAsync(_handle, buffer, fileOffset, cancellationToken).ConfigureAwait(false);
#else
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    _stream.Seek(fileOffset, SeekOrigin.Begin);
                    if (MemoryMarshal.TryGetArray(buffer, out var segment))
                    {
                        await _stream.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        byte[] copy = ArrayPool<byte>.Shared.Rent(buffer.Length);
                        try
                        {
                            buffer.Span.CopyTo(copy);
                            await _stream.WriteAsync(copy, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(copy);
                        }
                    }
                }
                finally
                {
                    _gate.Release();
                }
#endif
            }
            catch (Exception e)
            {
                throw NativeFileErrors.Wrap(e, _path, "write");
            }
        }

        public ValueTask<long> GetLengthAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                Check(cancellationToken, true, "stat");
#if NET8_0_OR_GREATER
                return new ValueTask<long>(RandomAccess.GetLength(_handle));
#else
                return new ValueTask<long>(_stream.Length);
#endif
            }
            catch (Exception e)
            {
                return new ValueTask<long>(Task.FromException<long>(NativeFileErrors.Wrap(e, _path, "get the length of")));
            }
        }

        public ValueTask SetLengthAsync(long length, CancellationToken cancellationToken = default)
        {
            try
            {
                Check(cancellationToken, _canWrite, "resize");
                CheckOffset(length);
#if NET8_0_OR_GREATER
                // Extending sets the size without writing: the file system keeps the new range as a hole where it can.
                RandomAccess.SetLength(_handle, length);
                return default;
#else
                return SetLengthGatedAsync(length, cancellationToken);
#endif
            }
            catch (Exception e)
            {
                return new ValueTask(Task.FromException(NativeFileErrors.Wrap(e, _path, "resize")));
            }
        }

        public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
        {
            Check(cancellationToken, true, "flush");
            try
            {
                // fsync blocks until the device confirms: keep it off the caller's thread.
#if NET8_0_OR_GREATER
                await Task.Run(() => _stream.Flush(flushToDisk: true), cancellationToken).ConfigureAwait(false);
#else
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Run(() => _stream.Flush(flushToDisk: true), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _gate.Release();
                }
#endif
            }
            catch (Exception e)
            {
                throw NativeFileErrors.Wrap(e, _path, "flush");
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                // The stream has no buffer (size 0 or 1), so closing it writes nothing and does not block on I/O.
                _stream.Dispose();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        private static void CheckOffset(long value)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A file offset or length cannot be negative.");
            }
        }

#if NET8_0_OR_GREATER
        private ValueTask<int> ReadOnceAsync(long fileOffset, Memory<byte> buffer, CancellationToken cancellationToken) =>
            RandomAccess.ReadAsync(_handle, buffer, fileOffset, cancellationToken);
#else
        private async ValueTask SetLengthGatedAsync(long length, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Extending sets the size without writing: the file system keeps the new range as a hole where it can.
                _stream.SetLength(length);
            }
            catch (Exception e)
            {
                throw NativeFileErrors.Wrap(e, _path, "resize");
            }
            finally
            {
                _gate.Release();
            }
        }

        private async ValueTask<int> ReadOnceAsync(long fileOffset, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _stream.Seek(fileOffset, SeekOrigin.Begin);
                if (MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
                {
                    return await _stream.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken).ConfigureAwait(false);
                }

                byte[] copy = ArrayPool<byte>.Shared.Rent(buffer.Length);
                try
                {
                    int read = await _stream.ReadAsync(copy, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                    copy.AsSpan(0, read).CopyTo(buffer.Span);
                    return read;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(copy);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
#endif

        private void Check(CancellationToken cancellationToken, bool allowed, string operation)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(nameof(NativeFileHandle), "The handle of '" + _path + "' is closed.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!allowed)
            {
                throw new StorageException(StorageErrorKind.AccessDenied, _path, "'" + _path + "' is not open for " + operation + ".");
            }
        }
    }
}
