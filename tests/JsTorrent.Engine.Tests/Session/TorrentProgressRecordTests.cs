using System;
using System.Text;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Session;

namespace JsTorrent.Engine.Tests.Session
{
    public class TorrentProgressRecordTests
    {
        private const string Key = "torrent:0123456789abcdef0123456789abcdef01234567:progress";

        internal static TorrentProgressRecord Sample() => new TorrentProgressRecord
        {
            UserState = TorrentUserState.Stopped,
            StorageRootToken = "root-\u00e9t\u00e9",
            FilePriorities = new[] { FilePriority.Skip, FilePriority.Low, FilePriority.Normal, FilePriority.High, FilePriority.Normal },
            BytesDownloaded = 5_368_709_120_123,
            BytesUploaded = 17,
            AddedAt = new DateTimeOffset(2024, 6, 5, 12, 34, 56, 789, TimeSpan.FromHours(2)),
            CompletedAt = new DateTimeOffset(2024, 6, 6, 1, 2, 3, 4, TimeSpan.Zero),
            ErrorMessage = "Disque plein : \u00ab C:\\T\u00e9l\u00e9chargements \u00bb \u2014 \u65e5\u672c\u8a9e \U0001F4BE",
            DownloadRateLimit = 1_048_576,
            UploadRateLimit = 65_536,
        };

        [Fact]
        public void EveryFieldRoundTrips()
        {
            var original = Sample();
            var decoded = TorrentProgressRecord.Decode(Key, original.Encode());

            Assert.Equal(TorrentUserState.Stopped, decoded.UserState);
            Assert.Equal(original.StorageRootToken, decoded.StorageRootToken);
            Assert.Equal(original.FilePriorities, decoded.FilePriorities);
            Assert.Equal(original.BytesDownloaded, decoded.BytesDownloaded);
            Assert.Equal(original.BytesUploaded, decoded.BytesUploaded);
            Assert.Equal(original.AddedAt, decoded.AddedAt);
            Assert.Equal(original.CompletedAt, decoded.CompletedAt);
            Assert.Equal(original.ErrorMessage, decoded.ErrorMessage);
            Assert.Equal(original.DownloadRateLimit, decoded.DownloadRateLimit);
            Assert.Equal(original.UploadRateLimit, decoded.UploadRateLimit);
            Assert.Equal(original.Encode(), decoded.Encode());
        }

        [Fact]
        public void NullRootErrorAndCompletionRoundTripAsNull()
        {
            var original = new TorrentProgressRecord
            {
                UserState = TorrentUserState.Queued,
                AddedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
            };
            byte[] bytes = original.Encode();
            string text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("4:root", text);
            Assert.DoesNotContain("5:error", text);
            Assert.DoesNotContain("9:completed", text);

            var decoded = TorrentProgressRecord.Decode(Key, bytes);
            Assert.Equal(TorrentUserState.Queued, decoded.UserState);
            Assert.Null(decoded.StorageRootToken);
            Assert.Null(decoded.ErrorMessage);
            Assert.Null(decoded.CompletedAt);
            Assert.Empty(decoded.FilePriorities);
            Assert.Equal(0, decoded.BytesDownloaded);
            Assert.Equal(0, decoded.BytesUploaded);
            Assert.Equal(0, decoded.DownloadRateLimit);
            Assert.Equal(0, decoded.UploadRateLimit);
            Assert.Equal(original.AddedAt, decoded.AddedAt);
        }

        [Theory]
        [InlineData(TorrentUserState.Active)]
        [InlineData(TorrentUserState.Stopped)]
        [InlineData(TorrentUserState.Queued)]
        public void EveryUserStateRoundTrips(TorrentUserState state)
        {
            var decoded = TorrentProgressRecord.Decode(Key, new TorrentProgressRecord { UserState = state }.Encode());
            Assert.Equal(state, decoded.UserState);
        }

        [Fact]
        public void EmptyStringsAreKeptApartFromNull()
        {
            var decoded = TorrentProgressRecord.Decode(Key, new TorrentProgressRecord { StorageRootToken = string.Empty, ErrorMessage = string.Empty }.Encode());
            Assert.Equal(string.Empty, decoded.StorageRootToken);
            Assert.Equal(string.Empty, decoded.ErrorMessage);
        }

        [Fact]
        public void TheLimitsOfTheCountersAndDatesRoundTrip()
        {
            var original = new TorrentProgressRecord
            {
                BytesDownloaded = long.MaxValue,
                BytesUploaded = long.MaxValue,
                AddedAt = DateTimeOffset.FromUnixTimeMilliseconds(-62135596800000L), // DateTimeOffset.MinValue
                CompletedAt = DateTimeOffset.FromUnixTimeMilliseconds(253402300799999L), // the last millisecond of year 9999
                DownloadRateLimit = long.MaxValue,
            };
            var decoded = TorrentProgressRecord.Decode(Key, original.Encode());
            Assert.Equal(long.MaxValue, decoded.BytesDownloaded);
            Assert.Equal(long.MaxValue, decoded.BytesUploaded);
            Assert.Equal(original.AddedAt, decoded.AddedAt);
            Assert.Equal(original.CompletedAt, decoded.CompletedAt);
            Assert.Equal(long.MaxValue, decoded.DownloadRateLimit);
        }

        [Fact]
        public void AnAddedTimeBeyondWhatADateCanHoldDecodesAsTheMinimum()
        {
            var decoded = TorrentProgressRecord.Decode(Key, Encoding.ASCII.GetBytes("d5:addedi9223372036854775807e10:downloadedi0e5:statei0e8:uploadedi0e1:vi1ee"));
            Assert.Equal(DateTimeOffset.MinValue, decoded.AddedAt);
        }

        [Fact]
        public void UnknownFieldsAreIgnored()
        {
            var decoded = TorrentProgressRecord.Decode(Key, Encoding.ASCII.GetBytes("d5:addedi0e10:downloadedi3e6:futured1:xi1ee5:statei1e8:uploadedi4e1:vi1ee"));
            Assert.Equal(TorrentUserState.Stopped, decoded.UserState);
            Assert.Equal(3, decoded.BytesDownloaded);
            Assert.Equal(4, decoded.BytesUploaded);
        }
    }
}
