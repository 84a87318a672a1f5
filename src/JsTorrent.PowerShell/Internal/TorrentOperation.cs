using System;
using System.Management.Automation;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Runs one torrent's engine work for a cmdlet that handles several: a failure becomes an error record for that
    /// torrent (the cmdlet goes on with the next), Ctrl+C stops the pipeline.
    /// </summary>
    internal static class TorrentOperation
    {
        /// <summary>Runs <paramref name="work"/>; returns false after writing the error when it failed.</summary>
        /// <param name="cmdlet">The cmdlet, on its pipeline thread.</param>
        /// <param name="torrent">The torrent the work is for (the error's target).</param>
        /// <param name="errorId">The cmdlet's own ErrorId for a failure with no more specific cause.</param>
        /// <param name="category">Its category.</param>
        /// <param name="work">The work.</param>
        public static bool Try(EngineCmdlet cmdlet, Torrent torrent, string errorId, ErrorCategory category, Action work)
        {
            try
            {
                work();
                return true;
            }
            catch (OperationCanceledException) when (cmdlet.Stopping)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !(e is OperationCanceledException && cmdlet.Stopping))
            {
                cmdlet.WriteError(Describe(e, torrent, errorId, category));
                return false;
            }
        }

        /// <summary>The error record of a failure: the engine stopped, the torrent was removed meanwhile, or the operation's own.</summary>
        public static ErrorRecord Describe(Exception error, Torrent torrent, string errorId, ErrorCategory category)
        {
            if (error is ObjectDisposedException || torrent.Owner.IsDisposed)
            {
                return new ErrorRecord(error, "EngineStopped", ErrorCategory.ResourceUnavailable, torrent);
            }

            if (!ReferenceEquals(torrent.Owner.Engine.GetTorrent(torrent.Engine.InfoHash), torrent.Engine))
            {
                return new ErrorRecord(error, "TorrentRemoved", ErrorCategory.ObjectNotFound, torrent);
            }

            if (error is StorageException storage && storage.Kind == StorageErrorKind.AccessDenied)
            {
                return new ErrorRecord(error, errorId, ErrorCategory.PermissionDenied, torrent);
            }

            return new ErrorRecord(error, errorId, category, torrent);
        }

        /// <summary>Turns a task without a result into one with, for <see cref="CancellableCmdlet"/>'s WaitFor.</summary>
        public static async Task<bool> AsBool(Task task)
        {
            await task.ConfigureAwait(false);
            return true;
        }
    }
}
