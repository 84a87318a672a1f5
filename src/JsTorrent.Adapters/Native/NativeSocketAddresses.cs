using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Native
{
    /// <summary>Address handling shared by the native sockets: binding, resolving and printing.</summary>
    internal static class NativeSocketAddresses
    {
        /// <summary>An address as the engine sees it: IPv4-mapped IPv6 as plain IPv4, no brackets.</summary>
        public static string Format(IPAddress address)
            => (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

        /// <summary>Parses a literal address, with or without IPv6 brackets; null for a host name.</summary>
        public static IPAddress? ParseLiteral(string host)
        {
            string text = host.Length > 1 && host[0] == '[' && host[host.Length - 1] == ']' ? host.Substring(1, host.Length - 2) : host;
            return IPAddress.TryParse(text, out IPAddress? address) ? address : null;
        }

        /// <summary>The addresses of a host: the literal itself, or what name resolution returns.</summary>
        /// <exception cref="NetworkException">The name does not resolve (<see cref="NetworkErrorKind.HostNotFound"/>).</exception>
        public static async Task<IPAddress[]> ResolveAsync(string host, int port, CancellationToken cancellationToken)
        {
            IPAddress? literal = ParseLiteral(host);
            if (literal != null)
            {
                return new[] { literal };
            }

            IPAddress[] addresses;
            try
            {
#if NET8_0_OR_GREATER
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
#else
                // No cancellable lookup here: stop waiting on cancellation and let the lookup finish unobserved.
                Task<IPAddress[]> lookup = Dns.GetHostAddressesAsync(host);
                addresses = await WithCancellation(lookup, cancellationToken).ConfigureAwait(false);
#endif
            }
            catch (SocketException ex)
            {
                throw new NetworkException(NetworkErrorKind.HostNotFound, "Resolving " + NativeSocketErrors.Endpoint(host, port) + " failed: host not found (" + ex.SocketErrorCode + ": " + ex.Message + ").", ex);
            }
            catch (ArgumentException ex)
            {
                throw new NetworkException(NetworkErrorKind.HostNotFound, "Resolving " + NativeSocketErrors.Endpoint(host, port) + " failed: not a valid host name.", ex);
            }

            if (addresses.Length == 0)
            {
                throw new NetworkException(NetworkErrorKind.HostNotFound, "Resolving " + NativeSocketErrors.Endpoint(host, port) + " failed: the name has no addresses.");
            }

            return addresses;
        }

        /// <summary>
        /// A socket bound to the options' address and a port: dual-mode IPv6 any when no address
        /// is set (IPv4 any where IPv6 is unavailable). The caller owns the socket.
        /// </summary>
        /// <exception cref="NetworkException">The port is taken (<see cref="NetworkErrorKind.AddressInUse"/>) or binding failed.</exception>
        public static Socket Bind(NativeSocketOptions options, SocketType type, ProtocolType protocol, int port, string what)
        {
            IPAddress address = options.BindAddress ?? (Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any);
            try
            {
                return BindTo(address, options, type, protocol, port);
            }
            catch (SocketException ex) when (options.BindAddress == null && address.Equals(IPAddress.IPv6Any) && ex.SocketErrorCode == SocketError.AddressFamilyNotSupported)
            {
                // IPv6 is compiled in but switched off on this machine.
                return BindTo(IPAddress.Any, options, type, protocol, port);
            }
            catch (SocketException ex)
            {
                NetworkException error = NativeSocketErrors.Translate(ex, "Binding " + what + " to", address.ToString(), port);
                if (error.Kind == NetworkErrorKind.AddressInUse)
                {
                    throw new NetworkException(NetworkErrorKind.AddressInUse, what + " port " + port + " is already in use on " + address + "; choose another port.", ex);
                }

                throw error;
            }
        }

        /// <summary>Applies the buffer sizes of the options to a socket.</summary>
        public static void ApplyBuffers(Socket socket, NativeSocketOptions options)
        {
            if (options.ReceiveBufferSize > 0)
            {
                socket.ReceiveBufferSize = options.ReceiveBufferSize;
            }

            if (options.SendBufferSize > 0)
            {
                socket.SendBufferSize = options.SendBufferSize;
            }
        }

        /// <summary>
        /// The endpoint to address from <paramref name="socket"/>, or null when it
        /// cannot reach that address (an IPv4-only socket and an IPv6 address, for instance).
        /// A dual-mode socket takes IPv4 endpoints as they are: the runtime maps them.
        /// </summary>
        public static IPEndPoint? EndpointFor(Socket socket, IPAddress address, int port)
        {
            if (address.AddressFamily == socket.AddressFamily)
            {
                return new IPEndPoint(address, port);
            }

            if (socket.AddressFamily == AddressFamily.InterNetworkV6 && socket.DualMode && address.AddressFamily == AddressFamily.InterNetwork)
            {
                return new IPEndPoint(address.MapToIPv6(), port);
            }

            if (socket.AddressFamily == AddressFamily.InterNetwork && address.IsIPv4MappedToIPv6)
            {
                return new IPEndPoint(address.MapToIPv4(), port);
            }

            return null;
        }

#if !NET8_0_OR_GREATER
        /// <summary>Waits for a task unless the token is cancelled first (the task then runs on, unobserved by the caller).</summary>
        public static async Task<T> WithCancellation<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled)
            {
                return await task.ConfigureAwait(false);
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    // Observe a later fault so it is not reported as unobserved.
                    _ = task.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            return await task.ConfigureAwait(false);
        }
#endif

        private static Socket BindTo(IPAddress address, NativeSocketOptions options, SocketType type, ProtocolType protocol, int port)
        {
            var socket = new Socket(address.AddressFamily, type, protocol);
            try
            {
                if (address.Equals(IPAddress.IPv6Any))
                {
                    socket.DualMode = true;
                }

                ApplyBuffers(socket, options);
                socket.Bind(new IPEndPoint(address, port));
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
