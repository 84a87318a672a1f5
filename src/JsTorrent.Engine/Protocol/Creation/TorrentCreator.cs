using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Protocol.Creation
{
    /// <summary>
    /// Builds a v1 .torrent from a <see cref="TorrentSource"/>. Pieces are hashed
    /// in parallel: the piece range is cut into runs of about 4 MiB that workers
    /// take in order, so reads stay nearly sequential and all cores hash.
    /// </summary>
    public static class TorrentCreator
    {
        /// <summary>Smallest piece length chosen or accepted (one block).</summary>
        public const int MinPieceLength = 16 * 1024;

        /// <summary>Largest piece length chosen or accepted.</summary>
        public const int MaxPieceLength = 64 * 1024 * 1024;

        /// <summary>Most pieces a created torrent may have; their hashes must fit in one array.</summary>
        public const int MaxPieceCount = 50_000_000;

        private const int TargetRunBytes = 4 * 1024 * 1024;

        /// <summary>
        /// The piece length chosen for <paramref name="totalSize"/> bytes: the smallest
        /// power of two from 16 KiB that keeps the torrent to about 2,048 pieces, at most 16 MiB.
        /// </summary>
        /// <param name="totalSize">Total content size.</param>
        /// <returns>The piece length.</returns>
        public static int ChoosePieceLength(long totalSize)
        {
            long pieceLength = MinPieceLength;
            while (pieceLength < 16 * 1024 * 1024 && (totalSize + pieceLength - 1) / pieceLength > 2048)
            {
                pieceLength *= 2;
            }

            return (int)pieceLength;
        }

        /// <summary>Hashes the source and returns the new torrent.</summary>
        /// <param name="source">The content.</param>
        /// <param name="options">Options, or null for defaults.</param>
        /// <param name="progress">Receives the number of content bytes read and hashed so far (padding not counted), or null.</param>
        /// <param name="cancellationToken">Cancels hashing.</param>
        /// <returns>The parsed torrent (its <see cref="Metainfo.TorrentBytes"/> are the file to save).</returns>
        /// <exception cref="ArgumentException">The source is empty or an option is out of range; a bad piece
        /// length (or one that would need too many pieces) has <see cref="ArgumentException.ParamName"/> <c>pieceLength</c>.</exception>
        /// <exception cref="System.IO.IOException">A file could not be read or changed while it was hashed.</exception>
        public static async Task<Metainfo> CreateAsync(
            TorrentSource source,
            TorrentCreationOptions? options = null,
            IProgress<long>? progress = null,
            CancellationToken cancellationToken = default)
        {
            if (source is null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            options ??= new TorrentCreationOptions();
            long contentSize = 0;
            foreach (var file in source.Files)
            {
                contentSize = checked(contentSize + file.Length);
            }

            if (contentSize == 0)
            {
                throw new ArgumentException("Nothing to share: '" + source.Name + "' holds no data (only empty files or none).", nameof(source));
            }

            int pieceLength = options.PieceLength == 0 ? ChoosePieceLength(contentSize) : ValidatePieceLength(options.PieceLength);
            var layout = TorrentLayout.Create(source, pieceLength, options.AlignFilesWithPadding && !source.IsSingleFile);
            byte[] hashes = await HashAllAsync(layout, pieceLength, options.MaxDegreeOfParallelism, progress, cancellationToken).ConfigureAwait(false);
            byte[] torrent = TorrentFileWriter.Write(source, layout, pieceLength, hashes, options);
            return Metainfo.Parse(torrent);
        }

        private static int ValidatePieceLength(int pieceLength)
        {
            if (pieceLength < MinPieceLength || pieceLength > MaxPieceLength || (pieceLength & (pieceLength - 1)) != 0)
            {
                throw new ArgumentException(
                    "Piece length " + pieceLength + " must be a power of two from 16 KiB to 64 MiB.", nameof(pieceLength));
            }

            return pieceLength;
        }

        private static async Task<byte[]> HashAllAsync(TorrentLayout layout, int pieceLength, int parallelism, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            long pieces = (layout.TotalSize + pieceLength - 1) / pieceLength;
            if (pieces > MaxPieceCount)
            {
                throw new ArgumentException(
                    "A piece length of " + pieceLength + " bytes would need " + pieces + " pieces (at most " + MaxPieceCount
                    + "); choose a larger piece length.",
                    nameof(pieceLength));
            }

            int pieceCount = (int)pieces;
            var hashes = new byte[pieceCount * Sha1.DigestLength];
            int piecesPerRun = Math.Max(1, TargetRunBytes / pieceLength);
            int runCount = (pieceCount + piecesPerRun - 1) / piecesPerRun;
            int workers = Math.Min(runCount, parallelism > 0 ? parallelism : Environment.ProcessorCount);

            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            int nextRun = -1;
            long hashed = 0;
            var tasks = new List<Task>(workers);
            for (int w = 0; w < workers; w++)
            {
                tasks.Add(Task.Run(
                    () =>
                    {
                        using var hasher = new PieceRangeHasher(layout, pieceLength, piecesPerRun);
                        try
                        {
                            int run;
                            while ((run = Interlocked.Increment(ref nextRun)) < runCount)
                            {
                                failed.Token.ThrowIfCancellationRequested();
                                int first = run * piecesPerRun;
                                long bytes = hasher.HashRun(first, Math.Min(piecesPerRun, pieceCount - first), hashes);
                                progress?.Report(Interlocked.Add(ref hashed, bytes));
                            }
                        }
                        catch
                        {
                            // Stop the other workers at once; the exception itself propagates through WhenAll.
                            failed.Cancel();
                            throw;
                        }
                    },
                    failed.Token));
            }

            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A worker failed and cancelled the rest: surface the worker's real error, not the cancellation.
                foreach (var task in tasks)
                {
                    if (task.IsFaulted && task.Exception is not null)
                    {
                        throw task.Exception.GetBaseException();
                    }
                }

                throw;
            }

            return hashes;
        }
    }
}
