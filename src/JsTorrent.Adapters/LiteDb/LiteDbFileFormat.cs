using System;
using System.IO;
using System.Text;

namespace JsTorrent.Adapters.LiteDb
{
    /// <summary>
    /// Recognises a LiteDB 5 data file before LiteDB opens it. LiteDB 5.0 crops a file to a whole number of
    /// 8 KiB pages and creates a new database over a file shorter than a page, so handed a file that is not
    /// a database it would destroy it; this check refuses such a file and leaves it untouched.
    /// </summary>
    internal static class LiteDbFileFormat
    {
        internal const int PageSize = 8192;

        // The header page of a LiteDB 5 file (HeaderPage in LiteDB): this text at offset 32, then the file
        // version, 8, at offset 59. An encrypted file starts with a salt instead and is refused as well.
        private const int HeaderInfoOffset = 32;
        private const string HeaderInfo = "** This is a LiteDB file **";
        private const int FileVersionOffset = 59;
        private const byte FileVersion = 8;

        /// <summary>Throws <see cref="SessionStoreException"/> unless the file is absent, empty or a LiteDB 5 data file.</summary>
        internal static void Check(string path)
        {
            byte[] header = new byte[FileVersionOffset + 1];
            long length;
            int read = 0;
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                    length = stream.Length;
                    int count;
                    while (read < header.Length && (count = stream.Read(header, read, header.Length - read)) > 0)
                    {
                        read += count;
                    }
                }
            }
            catch (FileNotFoundException)
            {
                // A new session file: LiteDB creates it.
                return;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SessionStoreException(path, "The session file '" + path + "' cannot be read: " + e.Message, e);
            }

            if (length == 0)
            {
                return;
            }

            if (length < PageSize || read < header.Length || !HasHeader(header))
            {
                throw new SessionStoreException(
                    path,
                    "The file '" + path + "' is not a session file (not a LiteDB 5 database, or an encrypted one); it was left untouched. Move it away or use another session path.");
            }
        }

        private static bool HasHeader(byte[] header)
        {
            string info = Encoding.ASCII.GetString(header, HeaderInfoOffset, HeaderInfo.Length);
            return string.Equals(info, HeaderInfo, StringComparison.Ordinal) && header[FileVersionOffset] == FileVersion;
        }
    }
}
