using System.Net;
using System.Net.Sockets;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Native
{
    public sealed class NativeSocketErrorsTests
    {
        [Theory]
        [InlineData(SocketError.ConnectionRefused, NetworkErrorKind.ConnectionRefused)]
        [InlineData(SocketError.ConnectionReset, NetworkErrorKind.ConnectionReset)]
        [InlineData(SocketError.ConnectionAborted, NetworkErrorKind.ConnectionReset)]
        [InlineData(SocketError.Shutdown, NetworkErrorKind.ConnectionReset)]
        [InlineData(SocketError.TimedOut, NetworkErrorKind.TimedOut)]
        [InlineData(SocketError.HostNotFound, NetworkErrorKind.HostNotFound)]
        [InlineData(SocketError.NoData, NetworkErrorKind.HostNotFound)]
        [InlineData(SocketError.TryAgain, NetworkErrorKind.HostNotFound)]
        [InlineData(SocketError.HostUnreachable, NetworkErrorKind.Unreachable)]
        [InlineData(SocketError.NetworkUnreachable, NetworkErrorKind.Unreachable)]
        [InlineData(SocketError.AddressAlreadyInUse, NetworkErrorKind.AddressInUse)]
        [InlineData(SocketError.OperationAborted, NetworkErrorKind.Closed)]
        [InlineData(SocketError.Interrupted, NetworkErrorKind.Closed)]
        [InlineData(SocketError.AccessDenied, NetworkErrorKind.Other)]
        [InlineData(SocketError.MessageSize, NetworkErrorKind.Other)]
        [InlineData(SocketError.SocketError, NetworkErrorKind.Other)]
        public void ASocketErrorTranslatesToItsKindAndNamesTheEndpoint(SocketError code, NetworkErrorKind expected)
        {
            Assert.Equal(expected, NativeSocketErrors.KindOf(code));

            var platform = new SocketException((int)code);
            NetworkException error = NativeSocketErrors.Translate(platform, "Connecting to", "peer.example", 6881);
            Assert.Equal(expected, error.Kind);
            Assert.Same(platform, error.InnerException);
            Assert.StartsWith("Connecting to peer.example:6881 failed", error.Message);
        }

        [Fact]
        public void AnIPv6EndpointIsBracketedSoThePortStaysReadable()
        {
            NetworkException error = NativeSocketErrors.Translate(new SocketException((int)SocketError.ConnectionRefused), "Connecting to", "::1", 80);
            Assert.Contains("[::1]:80", error.Message);
            Assert.Equal("[::1]:80", NativeSocketErrors.Endpoint("[::1]", 80));
            Assert.Equal("10.0.0.1:80", NativeSocketErrors.Endpoint("10.0.0.1", 80));
        }

        [Fact]
        public void AMappedIPv4AddressPrintsAsPlainIPv4()
        {
            Assert.Equal("192.168.1.20", NativeSocketAddresses.Format(IPAddress.Parse("::ffff:192.168.1.20")));
            Assert.Equal("192.168.1.20", NativeSocketAddresses.Format(IPAddress.Parse("192.168.1.20")));
            Assert.Equal("2001:db8::1", NativeSocketAddresses.Format(IPAddress.Parse("2001:db8::1")));
        }

        [Fact]
        public void LiteralsParseWithOrWithoutBracketsAndNamesDoNot()
        {
            Assert.Equal(IPAddress.IPv6Loopback, NativeSocketAddresses.ParseLiteral("[::1]"));
            Assert.Equal(IPAddress.IPv6Loopback, NativeSocketAddresses.ParseLiteral("::1"));
            Assert.Equal(IPAddress.Loopback, NativeSocketAddresses.ParseLiteral("127.0.0.1"));
            Assert.Null(NativeSocketAddresses.ParseLiteral("localhost"));
        }
    }
}
