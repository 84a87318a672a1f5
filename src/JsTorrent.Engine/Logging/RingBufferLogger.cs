using System;
using System.Collections.Generic;
using System.Threading;

namespace JsTorrent.Engine.Logging
{
    /// <summary>
    /// Keeps the most recent log entries in a fixed-size ring (the oldest is overwritten when
    /// full) and announces each entry to subscribers. Thread-safe.
    /// </summary>
    /// <remarks>
    /// The ring also issues entry ids: an id is taken and the entry stored under one lock, so
    /// the ring is always in id order and a reader polling with <see cref="LogFilter.SinceId"/>
    /// never skips an entry that another thread was still writing.
    /// Subscribers (<see cref="OnEntry"/>) are the only notification mechanism; the engine's
    /// <see cref="EngineLog.Subscribe"/> registers here too.
    /// </remarks>
    public sealed class RingBufferLogger
    {
        private readonly object gate = new object();
        private readonly LogEntry?[] slots;
        private int next;
        private int count;
        private long lastId;
        private long droppedCount;
        private long callbackFailures;

        // Copy-on-write: replaced under the gate, read without it on every entry.
        private Subscription[] subscriptions = Array.Empty<Subscription>();

        /// <summary>Creates an empty ring.</summary>
        /// <param name="capacity">How many entries it keeps; at least 1.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
        public RingBufferLogger(int capacity = 1000)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be at least 1.");
            }

            slots = new LogEntry?[capacity];
        }

        /// <summary>How many entries the ring keeps at most.</summary>
        public int Capacity => slots.Length;

        /// <summary>How many entries the ring holds now.</summary>
        public int Count
        {
            get
            {
                lock (gate)
                {
                    return count;
                }
            }
        }

        /// <summary>How many entries were overwritten because the ring was full (<see cref="Clear"/> does not count).</summary>
        public long DroppedCount
        {
            get
            {
                lock (gate)
                {
                    return droppedCount;
                }
            }
        }

        /// <summary>The id of the newest entry ever added (0 before the first); unchanged by <see cref="Clear"/>.</summary>
        /// <remarks>A reader that wants only new entries passes this as <see cref="LogFilter.SinceId"/> next time.</remarks>
        public long LastId
        {
            get
            {
                lock (gate)
                {
                    return lastId;
                }
            }
        }

        /// <summary>
        /// How many times a subscriber callback threw. The exception is caught so one faulty
        /// subscriber cannot break logging for the engine or other subscribers; this counter
        /// makes those failures observable instead of hiding them.
        /// </summary>
        public long CallbackFailures => Interlocked.Read(ref callbackFailures);

        /// <summary>Stores an entry made elsewhere and announces it to subscribers.</summary>
        /// <param name="entry">The entry; its id must be greater than <see cref="LastId"/>, so the ring stays in id order.</param>
        /// <exception cref="ArgumentException">The entry's id is not greater than <see cref="LastId"/>.</exception>
        public void Add(LogEntry entry)
        {
            if (entry == null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            lock (gate)
            {
                if (entry.Id <= lastId)
                {
                    throw new ArgumentException($"Entry id {entry.Id} is not greater than the last id {lastId}.", nameof(entry));
                }

                Store(entry);
            }

            Publish(entry);
        }

        /// <summary>The entries that match <paramref name="filter"/>, oldest first (in id order).</summary>
        /// <param name="filter">Which entries; null for all of them.</param>
        /// <returns>A snapshot; later entries do not change it.</returns>
        public IReadOnlyList<LogEntry> GetEntries(LogFilter? filter = null)
        {
            int limit = filter?.Limit ?? int.MaxValue;
            long sinceId = filter?.SinceId ?? 0;
            var picked = new List<LogEntry>();
            lock (gate)
            {
                // Newest first: a limit keeps the last n, and the scan stops at SinceId because ids increase.
                int capacity = slots.Length;
                int index = next;
                for (int seen = 0; seen < count && picked.Count < limit; seen++)
                {
                    index = index == 0 ? capacity - 1 : index - 1;
                    var entry = slots[index]!;
                    if (entry.Id <= sinceId)
                    {
                        break;
                    }

                    if (filter == null || filter.Matches(entry))
                    {
                        picked.Add(entry);
                    }
                }
            }

            picked.Reverse();
            return picked.ToArray();
        }

        /// <summary>Removes every entry. Ids keep increasing afterwards; <see cref="DroppedCount"/> is unchanged.</summary>
        public void Clear()
        {
            lock (gate)
            {
                Array.Clear(slots, 0, slots.Length);
                next = 0;
                count = 0;
            }
        }

        /// <summary>Calls <paramref name="callback"/> for every entry added from now on, until the returned handle is disposed.</summary>
        /// <param name="callback">
        /// Called on the thread that wrote the entry, outside the ring's lock, so it should be quick.
        /// Entries written concurrently may arrive out of id order. If it throws, the exception is
        /// caught and counted in <see cref="CallbackFailures"/>. It must not log on every call (that recurses).
        /// </param>
        /// <returns>Dispose it to unsubscribe; an entry already being announced may still arrive.</returns>
        public IDisposable OnEntry(Action<LogEntry> callback)
        {
            if (callback == null)
            {
                throw new ArgumentNullException(nameof(callback));
            }

            var subscription = new Subscription(this, callback);
            lock (gate)
            {
                var grown = new Subscription[subscriptions.Length + 1];
                Array.Copy(subscriptions, grown, subscriptions.Length);
                grown[grown.Length - 1] = subscription;
                Volatile.Write(ref subscriptions, grown);
            }

            return subscription;
        }

        /// <summary>Takes the next id, stamps the time and stores the entry under one lock, then announces it.</summary>
        internal LogEntry Append(LogLevel level, string component, string? instanceValue, string message, Exception? exception, Func<DateTimeOffset> clock)
        {
            LogEntry entry;
            lock (gate)
            {
                entry = new LogEntry(lastId + 1, clock(), level, component, instanceValue, message, exception);
                Store(entry);
            }

            Publish(entry);
            return entry;
        }

        private void Store(LogEntry entry)
        {
            slots[next] = entry;
            next = next + 1 == slots.Length ? 0 : next + 1;
            if (count == slots.Length)
            {
                droppedCount++;
            }
            else
            {
                count++;
            }

            lastId = entry.Id;
        }

        private void Publish(LogEntry entry)
        {
            var current = Volatile.Read(ref subscriptions);
            foreach (var subscription in current)
            {
                if (subscription.IsDisposed)
                {
                    continue;
                }

                try
                {
                    subscription.Callback(entry);
                }
                catch (Exception)
                {
                    // Counted, not hidden: see CallbackFailures.
                    Interlocked.Increment(ref callbackFailures);
                }
            }
        }

        private void Remove(Subscription subscription)
        {
            lock (gate)
            {
                int at = Array.IndexOf(subscriptions, subscription);
                if (at < 0)
                {
                    return;
                }

                var shrunk = new Subscription[subscriptions.Length - 1];
                Array.Copy(subscriptions, 0, shrunk, 0, at);
                Array.Copy(subscriptions, at + 1, shrunk, at, shrunk.Length - at);
                Volatile.Write(ref subscriptions, shrunk);
            }
        }

        /// <summary>One registration; disposing it twice is harmless.</summary>
        private sealed class Subscription : IDisposable
        {
            private readonly RingBufferLogger owner;
            private int disposed;

            public Subscription(RingBufferLogger owner, Action<LogEntry> callback)
            {
                this.owner = owner;
                Callback = callback;
            }

            public Action<LogEntry> Callback { get; }

            public bool IsDisposed => Volatile.Read(ref disposed) != 0;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref disposed, 1) == 0)
                {
                    owner.Remove(this);
                }
            }
        }
    }
}
