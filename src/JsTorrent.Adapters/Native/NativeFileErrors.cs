using System;
using System.IO;
using System.Runtime.InteropServices;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Native
{
    /// <summary>Maps the platform's file exceptions to <see cref="StorageException"/> kinds with messages naming the relative path.</summary>
    internal static class NativeFileErrors
    {
        private const int WindowsFacility = unchecked((int)0x80070000);

        // Win32 error codes (the low word of an HRESULT in facility 7).
        private const int ErrorFileNotFound = 2;
        private const int ErrorPathNotFound = 3;
        private const int ErrorAccessDenied = 5;
        private const int ErrorSharingViolation = 32;
        private const int ErrorLockViolation = 33;
        private const int ErrorHandleDiskFull = 39;
        private const int ErrorFileExists = 80;
        private const int ErrorDiskFull = 112;
        private const int ErrorDirNotEmpty = 145;
        private const int ErrorAlreadyExists = 183;

        private static readonly bool IsMacOS = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        /// <summary>Wraps a platform exception, or returns it unchanged when it must pass as it is (already typed, cancellation, disposal, argument errors).</summary>
        public static Exception Wrap(Exception e, string path, string operation)
        {
            if (e is StorageException || e is OperationCanceledException || e is ObjectDisposedException || e is ArgumentException)
            {
                return e;
            }

            var kind = Classify(e);
            return new StorageException(kind, path, "Cannot " + operation + " '" + path + "': " + Describe(kind) + " (" + e.Message + ")", e);
        }

        /// <summary>The kind of a platform exception on the platform this process runs on.</summary>
        public static StorageErrorKind Classify(Exception e) => Classify(e, IsMacOS);

        /// <summary>The kind of a platform exception; <paramref name="macOS"/> selects the BSD errno numbering for Unix codes.</summary>
        /// <remarks>
        /// On Windows an IOException's HResult is 0x8007xxxx with the Win32 error in the low word; on Unix .NET sets it
        /// to the raw errno, a small positive number. The two are told apart by the facility bits, never by the low word alone.
        /// </remarks>
        internal static StorageErrorKind Classify(Exception e, bool macOS)
        {
            switch (e)
            {
                case FileNotFoundException _:
                case DirectoryNotFoundException _:
                    return StorageErrorKind.NotFound;
                case UnauthorizedAccessException _:
                    return StorageErrorKind.AccessDenied;
                case PathTooLongException _:
                    return StorageErrorKind.InvalidPath;
                case IOException io:
                    return ClassifyHResult(io.HResult, macOS);
                default:
                    return StorageErrorKind.IOError;
            }
        }

        private static StorageErrorKind ClassifyHResult(int hresult, bool macOS)
        {
            if ((hresult & unchecked((int)0xFFFF0000)) == WindowsFacility)
            {
                switch (hresult & 0xFFFF)
                {
                    case ErrorFileNotFound:
                    case ErrorPathNotFound:
                        return StorageErrorKind.NotFound;
                    case ErrorAccessDenied:
                        return StorageErrorKind.AccessDenied;
                    case ErrorSharingViolation:
                    case ErrorLockViolation:
                        return StorageErrorKind.Locked;
                    case ErrorHandleDiskFull:
                    case ErrorDiskFull:
                        return StorageErrorKind.DiskFull;
                    case ErrorFileExists:
                    case ErrorAlreadyExists:
                        return StorageErrorKind.AlreadyExists;
                    case ErrorDirNotEmpty:
                        return StorageErrorKind.WrongKind;
                    default:
                        return StorageErrorKind.IOError;
                }
            }

            return hresult > 0 && hresult < 0x10000 ? ClassifyErrno(hresult, macOS) : StorageErrorKind.IOError;
        }

        private static StorageErrorKind ClassifyErrno(int errno, bool macOS)
        {
            // Numbers shared by Linux and macOS.
            switch (errno)
            {
                case 1: // EPERM
                case 13: // EACCES
                    return StorageErrorKind.AccessDenied;
                case 2: // ENOENT
                case 20: // ENOTDIR
                    return StorageErrorKind.NotFound;
                case 17: // EEXIST
                    return StorageErrorKind.AlreadyExists;
                case 21: // EISDIR
                    return StorageErrorKind.WrongKind;
                case 26: // ETXTBSY
                    return StorageErrorKind.Locked;
                case 28: // ENOSPC
                    return StorageErrorKind.DiskFull;
            }

            // Numbers that differ: EAGAIN/EWOULDBLOCK, EDQUOT, ENOTEMPTY.
            if (macOS)
            {
                return errno == 35 ? StorageErrorKind.Locked
                    : errno == 69 ? StorageErrorKind.DiskFull
                    : errno == 66 ? StorageErrorKind.WrongKind
                    : StorageErrorKind.IOError;
            }

            return errno == 11 ? StorageErrorKind.Locked
                : errno == 122 ? StorageErrorKind.DiskFull
                : errno == 39 ? StorageErrorKind.WrongKind
                : StorageErrorKind.IOError;
        }

        private static string Describe(StorageErrorKind kind)
        {
            switch (kind)
            {
                case StorageErrorKind.NotFound:
                    return "it or its folder does not exist";
                case StorageErrorKind.AccessDenied:
                    return "access is denied";
                case StorageErrorKind.DiskFull:
                    return "the disk is full or a quota is reached";
                case StorageErrorKind.Locked:
                    return "another process has it locked or open";
                case StorageErrorKind.AlreadyExists:
                    return "something already exists there";
                case StorageErrorKind.WrongKind:
                    return "it is a directory where a file is needed, or the reverse, or a directory that is not empty";
                case StorageErrorKind.InvalidPath:
                    return "the path is not valid here";
                default:
                    return "an input/output error occurred";
            }
        }
    }
}
