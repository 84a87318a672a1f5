using System.Collections.Generic;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>The ports of one protocol on one host, and what owns each; hands out ephemeral ports.</summary>
    internal sealed class MemoryPortTable
    {
        // The IANA dynamic range, as most stacks use for ephemeral ports.
        private const int EphemeralFirst = 49152;
        private const int EphemeralLast = 65535;

        private readonly object _gate = new object();
        private readonly Dictionary<int, object> _owners = new Dictionary<int, object>();
        private readonly string _protocol;
        private int _next = EphemeralFirst;

        public MemoryPortTable(string protocol)
        {
            _protocol = protocol;
        }

        /// <summary>Takes a port for an owner.</summary>
        /// <param name="port">The port; 0 for a free ephemeral one.</param>
        /// <param name="owner">What holds it.</param>
        /// <returns>The port taken.</returns>
        /// <exception cref="NetworkException">With <see cref="NetworkErrorKind.AddressInUse"/> when the port (or every ephemeral port) is taken.</exception>
        public int Reserve(int port, object owner)
        {
            lock (_gate)
            {
                if (port != 0)
                {
                    if (_owners.ContainsKey(port))
                    {
                        throw new NetworkException(NetworkErrorKind.AddressInUse, _protocol + " port " + port + " is already in use.");
                    }

                    _owners.Add(port, owner);
                    return port;
                }

                for (int tries = EphemeralLast - EphemeralFirst + 1; tries > 0; tries--)
                {
                    int candidate = _next;
                    _next = candidate == EphemeralLast ? EphemeralFirst : candidate + 1;
                    if (!_owners.ContainsKey(candidate))
                    {
                        _owners.Add(candidate, owner);
                        return candidate;
                    }
                }

                throw new NetworkException(NetworkErrorKind.AddressInUse, "No free ephemeral " + _protocol + " port.");
            }
        }

        /// <summary>Gives a port back if <paramref name="owner"/> still holds it.</summary>
        public void Release(int port, object owner)
        {
            lock (_gate)
            {
                if (_owners.TryGetValue(port, out object? current) && ReferenceEquals(current, owner))
                {
                    _owners.Remove(port);
                }
            }
        }

        /// <summary>What holds a port, or null.</summary>
        public object? Find(int port)
        {
            lock (_gate)
            {
                return _owners.TryGetValue(port, out object? owner) ? owner : null;
            }
        }
    }
}
