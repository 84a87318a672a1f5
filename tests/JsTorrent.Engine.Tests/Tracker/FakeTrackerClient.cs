using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    /// <summary>A scripted tracker: answers, fails or hangs as the test says, and records every request.</summary>
    internal sealed class FakeTrackerClient : ITrackerClient
    {
        private readonly object _gate = new object();
        private readonly List<AnnounceRequest> _requests = new List<AnnounceRequest>();
        private readonly Action<FakeTrackerClient, AnnounceRequest>? _onRequest;
        private int _cancellations;
        private int _scrapes;

        public FakeTrackerClient(Uri url, Action<FakeTrackerClient, AnnounceRequest>? onRequest = null)
        {
            Url = url;
            _onRequest = onRequest;
            Succeed(TimeSpan.FromMinutes(30));
        }

        public Uri Url { get; }

        public bool SupportsScrape { get; set; }

        /// <summary>What the next announce does; tests replace it.</summary>
        public Func<AnnounceRequest, CancellationToken, Task<AnnounceResponse>> OnAnnounce { get; set; } = null!;

        public ScrapeResult ScrapeAnswer { get; set; } = new ScrapeResult(7, 70, 3);

        public IReadOnlyList<AnnounceRequest> Requests
        {
            get
            {
                lock (_gate)
                {
                    return _requests.ToArray();
                }
            }
        }

        public IReadOnlyList<AnnounceEvent> Events
        {
            get
            {
                var events = new List<AnnounceEvent>();
                foreach (var request in Requests)
                {
                    events.Add(request.Event);
                }

                return events;
            }
        }

        /// <summary>Announces that ended because their token was cancelled.</summary>
        public int Cancellations => Volatile.Read(ref _cancellations);

        public int Scrapes => Volatile.Read(ref _scrapes);

        public static AnnounceResponse Response(TimeSpan interval, TimeSpan? minInterval = null, params TrackerPeer[] peers) =>
            new AnnounceResponse(peers, interval) { MinInterval = minInterval };

        public void Succeed(TimeSpan interval, TimeSpan? minInterval = null, params TrackerPeer[] peers) =>
            OnAnnounce = (_, _) => Task.FromResult(Response(interval, minInterval, peers));

        public void Fail(TrackerErrorKind kind) =>
            OnAnnounce = (_, _) => Task.FromException<AnnounceResponse>(new TrackerException(kind, "scripted " + kind + " from " + Url));

        /// <summary>Every announce hangs until its token is cancelled.</summary>
        public void Hang() => OnAnnounce = (_, token) => HangAsync(token);

        /// <summary>Announces with <paramref name="hangingEvent"/> hang until cancelled; others answer at a 30-minute interval.</summary>
        public void HangOn(AnnounceEvent hangingEvent) => OnAnnounce = (request, token) =>
            request.Event == hangingEvent ? HangAsync(token) : Task.FromResult(Response(TimeSpan.FromMinutes(30)));

        public Task<AnnounceResponse> AnnounceAsync(AnnounceRequest request, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _requests.Add(request);
            }

            _onRequest?.Invoke(this, request);
            return OnAnnounce(request, cancellationToken);
        }

        public Task<ScrapeResult> ScrapeAsync(InfoHash infoHash, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _scrapes);
            return Task.FromResult(ScrapeAnswer);
        }

        private async Task<AnnounceResponse> HangAsync(CancellationToken token)
        {
            Assert.True(token.CanBeCanceled, "the manager gives every announce a token that can end it");
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (token.Register(() => cancelled.TrySetResult(true)))
            {
                await cancelled.Task;
            }

            Interlocked.Increment(ref _cancellations);
            throw new OperationCanceledException(token);
        }
    }
}
