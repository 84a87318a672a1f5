using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tests.Architecture
{
    /// <summary>
    /// The design's first principle: the core reaches files and sockets only through
    /// its contracts. This reads the compiled engine's type and member references
    /// (so no spelling of the code can hide a call) and fails on any platform API.
    /// </summary>
    public class CoreIsPlatformAgnosticTests
    {
        private static readonly string[] ForbiddenTypes =
        {
            "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.Directory",
            "System.IO.DirectoryInfo", "System.IO.FileSystemInfo", "System.IO.DriveInfo", "System.IO.FileSystemWatcher",
            "System.IO.MemoryMappedFiles.MemoryMappedFile", "System.Net.Http.HttpClient", "System.Net.Http.HttpClientHandler",
            "System.Net.WebClient", "System.Net.WebRequest", "System.Net.HttpWebRequest", "System.Console",
            "System.Diagnostics.Process",
        };

        private static readonly string[] ForbiddenNamespaces = { "System.Net.Sockets", "Microsoft.Win32", "System.Net.NetworkInformation" };

        [Fact]
        public void EngineReferencesNoFileSocketOrConsoleApi()
        {
            var referenced = ReferencedTypeNames(typeof(InfoHash).Assembly.Location);
            Assert.Contains("System.Object", referenced); // the scan itself works
            var offending = referenced
                .Where(t => ForbiddenTypes.Contains(t) || ForbiddenNamespaces.Any(ns => t.StartsWith(ns + ".", StringComparison.Ordinal)))
                .OrderBy(t => t)
                .ToList();
            Assert.True(offending.Count == 0, "JsTorrent.Engine must not use: " + string.Join(", ", offending));
        }

        [Fact]
        public void EngineReferencesNoAdapterOrPowerShellAssembly()
        {
            var references = typeof(InfoHash).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
            Assert.DoesNotContain(references, r => r!.StartsWith("JsTorrent.", StringComparison.Ordinal));
            Assert.DoesNotContain(references, r => r!.StartsWith("System.Management.Automation", StringComparison.Ordinal));
            Assert.DoesNotContain(references, r => r!.StartsWith("LiteDB", StringComparison.Ordinal));
        }

        private static HashSet<string> ReferencedTypeNames(string assemblyPath)
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var handle in reader.TypeReferences)
            {
                names.Add(FullName(reader, reader.GetTypeReference(handle)));
            }

            return names;
        }

        private static string FullName(MetadataReader reader, TypeReference type)
        {
            string name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                // Nested type: report its outermost declaring type, which is what the lists name.
                return FullName(reader, reader.GetTypeReference((TypeReferenceHandle)type.ResolutionScope));
            }

            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }
    }
}
