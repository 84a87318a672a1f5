using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace JsTorrent.PowerShell
{
    /// <summary>
    /// Lets Windows PowerShell 5.1 load the module's own copies of its dependencies.
    /// </summary>
    /// <remarks>
    /// The netstandard2.0 dependencies ship with mismatched references (System.Memory
    /// 4.0.1.2 asks for System.Buffers 4.0.2.0; the package ships 4.0.3.0). .NET Core
    /// binds to the higher version by itself; .NET Framework needs a binding redirect,
    /// which a module cannot add to powershell.exe.config. So on .NET Framework, when a
    /// load fails, this resolves the request by simple name to the DLL in the module
    /// folder, if there is one. On PowerShell 7 it does nothing.
    /// </remarks>
    public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location) ?? string.Empty;
        private static int _registrations;

        /// <summary>True where the resolver is needed: on .NET Framework (Windows PowerShell 5.1).</summary>
        public static bool IsNeeded => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <summary>Called by PowerShell when the module is imported.</summary>
        public void OnImport()
        {
            if (!IsNeeded)
            {
                return;
            }

            // AssemblyResolve is per process; importing the module into several runspaces must register once.
            lock (Gate)
            {
                if (_registrations++ == 0)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
                }
            }
        }

        /// <summary>Called by PowerShell when the module is removed.</summary>
        /// <param name="psModuleInfo">The module being removed.</param>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (!IsNeeded)
            {
                return;
            }

            lock (Gate)
            {
                if (_registrations > 0 && --_registrations == 0)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
                }
            }
        }

        /// <summary>
        /// The DLL in <paramref name="folder"/> that can stand in for <paramref name="requested"/>:
        /// same simple name, same or higher version. Null when there is none.
        /// </summary>
        /// <param name="requested">The full name of the assembly the runtime failed to load.</param>
        /// <param name="folder">The folder to look in (the module folder).</param>
        /// <returns>The path of the DLL, or null.</returns>
        public static string? FindReplacement(string requested, string folder)
        {
            AssemblyName name;
            try
            {
                name = new AssemblyName(requested);
            }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException)
            {
                // Not an assembly name: not a request this resolver can answer.
                return null;
            }

            // A simple name is a file name here: nothing that could point outside the module folder.
            string? simple = name.Name;
            if (string.IsNullOrEmpty(simple) || simple!.StartsWith(".", StringComparison.Ordinal)
                || simple.IndexOfAny(new[] { '/', '\\', ':' }) >= 0 || simple.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }

            string candidate = Path.Combine(folder, simple + ".dll");
            if (!File.Exists(candidate))
            {
                return null;
            }

            // Only step up: an older copy than the one asked for would fail later in stranger ways.
            var available = AssemblyName.GetAssemblyName(candidate).Version;
            return name.Version is null || (available is not null && available >= name.Version) ? candidate : null;
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            string? path = FindReplacement(args.Name, ModuleFolder);
            return path is null ? null : Assembly.LoadFrom(path);
        }
    }
}
