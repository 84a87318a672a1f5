using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Engine.Session
{
    /// <summary>
    /// Writes an engine's session records to its <see cref="ISessionStore"/> off the engine loop. The loop
    /// only queues encoded values; a background drain writes them in turn. A key queued again before it
    /// was written keeps only its latest value (a delete is a value too), so a busy torrent costs one
    /// write per drain, not one per change. A store that fails is logged per key and never stops the engine.
    /// </summary>
    internal sealed class SessionWriter
    {
        private readonly ISessionStore _store;
        private readonly Logger _log;
        private readonly object _gate = new object();
        private Dictionary<string, byte[]?> _pending = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        private Task _drain = Task.CompletedTask;
        private bool _draining;

        public SessionWriter(ISessionStore store, Logger log)
        {
            _store = store;
            _log = log;
        }

        /// <summary>Store writes that failed since the engine started.</summary>
        public int Failures { get; private set; }

        /// <summary>Store writes done since the engine started.</summary>
        public long Writes { get; private set; }

        public void Set(string key, byte[] value) => Queue(key, value);

        public void Delete(string key) => Queue(key, null);

        /// <summary>Completes when everything queued before the call has reached the store (or failed and been logged).</summary>
        public async Task FlushAsync()
        {
            while (true)
            {
                Task drain;
                lock (_gate)
                {
                    if (!_draining && _pending.Count == 0)
                    {
                        return;
                    }

                    drain = _drain;
                }

                await drain.ConfigureAwait(false);
            }
        }

        private void Queue(string key, byte[]? value)
        {
            lock (_gate)
            {
                _pending[key] = value;
                if (_draining)
                {
                    return;
                }

                _draining = true;
                _drain = Task.Run(DrainAsync);
            }
        }

        private async Task DrainAsync()
        {
            var batch = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
            while (true)
            {
                lock (_gate)
                {
                    if (_pending.Count == 0)
                    {
                        _draining = false;
                        return;
                    }

                    (batch, _pending) = (_pending, batch);
                }

                foreach (var entry in batch)
                {
                    try
                    {
                        if (entry.Value is null)
                        {
                            await _store.DeleteAsync(entry.Key).ConfigureAwait(false);
                        }
                        else
                        {
                            await _store.SetAsync(entry.Key, entry.Value).ConfigureAwait(false);
                        }

                        Writes++;
                    }
                    catch (Exception ex) when (!(ex is OutOfMemoryException))
                    {
                        // The data itself is safe on disk; only resume information is behind. The next change retries the key.
                        Failures++;
                        _log.Error("Could not write the session entry '" + entry.Key + "': " + ex.Message, ex);
                    }
                }

                batch.Clear();
            }
        }
    }
}
