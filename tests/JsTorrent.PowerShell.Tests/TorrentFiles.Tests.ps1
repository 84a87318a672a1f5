# Pester 5 tests of New-Torrent and Get-TorrentInfo against the BUILT module.
# Invoke-PesterSuite.ps1 sets $env:JSTORRENT_MODULE_PATH; without it the default build output is used.

BeforeAll {
    $script:manifest = (Resolve-Path -LiteralPath $(if ($env:JSTORRENT_MODULE_PATH) { $env:JSTORRENT_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/JsTorrent/JsTorrent.psd1' })).ProviderPath
    Get-Module -Name JsTorrent | Remove-Module -Force
    Import-Module -Name $script:manifest -Force -ErrorAction Stop

    function New-TestContent([string] $Folder) {
        $null = New-Item -ItemType Directory -Path (Join-Path $Folder 'share/sub') -Force
        $random = [System.Random]::new(1234)
        $a = [byte[]]::new(70000); $random.NextBytes($a)
        $b = [byte[]]::new(12345); $random.NextBytes($b)
        [System.IO.File]::WriteAllBytes((Join-Path $Folder 'share/a.bin'), $a)
        [System.IO.File]::WriteAllBytes((Join-Path $Folder 'share/sub/b.bin'), $b)
        [System.IO.File]::WriteAllBytes((Join-Path $Folder 'share/empty.txt'), [byte[]]::new(0))
        [System.IO.File]::WriteAllBytes((Join-Path $Folder 'single.bin'), $a)
    }
}

AfterAll {
    Get-Module -Name JsTorrent | Remove-Module -Force
}

Describe 'New-Torrent' {
    BeforeEach {
        $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("jst-pester-" + [guid]::NewGuid().ToString('N'))
        New-TestContent $script:work
        Push-Location $script:work
    }

    AfterEach {
        Pop-Location
        Remove-Item -LiteralPath $script:work -Recurse -Force
    }

    It 'creates a multi-file torrent that Get-TorrentInfo reads back' {
        $created = New-Torrent -Path ./share -Destination ./share.torrent -PieceSize 16KB -Tracker 'http://127.0.0.1:1/announce', 'udp://127.0.0.1:2' -Comment 'pester' -NoCreationDate
        $created | Should -BeOfType ([JsTorrent.TorrentInfo])
        Test-Path ./share.torrent | Should -BeTrue

        $info = Get-TorrentInfo -Path ./share.torrent
        $info.InfoHash | Should -Be $created.InfoHash
        $info.InfoHash | Should -Match '^[0-9a-f]{40}$'
        $info.Name | Should -Be 'share'
        $info.Size | Should -Be (70000 + 12345)
        $info.PieceLength | Should -Be 16384
        $info.FileCount | Should -Be 3
        $info.Files.Path | Should -Be @('share/a.bin', 'share/empty.txt', 'share/sub/b.bin')
        $info.Trackers | Should -Be @('http://127.0.0.1:1/announce', 'udp://127.0.0.1:2')
        $info.Comment | Should -Be 'pester'
        $info.CreationDate | Should -BeNullOrEmpty
        $info.MagnetUri | Should -BeLike "magnet:?xt=urn:btih:$($info.InfoHash)*"
    }

    It 'is deterministic with -NoCreationDate' {
        New-Torrent ./single.bin ./one.torrent -NoCreationDate | Out-Null
        New-Torrent ./single.bin ./two.torrent -NoCreationDate | Out-Null
        (Get-FileHash ./one.torrent).Hash | Should -Be (Get-FileHash ./two.torrent).Hash
    }

    It 'defaults the destination to the source name plus .torrent and records a creation date' {
        $created = New-Torrent -Path ./single.bin
        $created.Path | Should -Be (Join-Path $script:work 'single.bin.torrent')
        $created.CreationDate | Should -Not -BeNullOrEmpty
        $created.Files.Count | Should -Be 1
    }

    It 'refuses to overwrite without -Force' {
        New-Torrent ./single.bin ./t.torrent | Out-Null
        { New-Torrent ./single.bin ./t.torrent -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationExists,JsTorrent.PowerShell.Commands.NewTorrentCommand'
        New-Torrent ./single.bin ./t.torrent -Force | Should -Not -BeNullOrEmpty
    }

    It 'writes nothing with -WhatIf' {
        New-Torrent ./single.bin ./w.torrent -WhatIf
        Test-Path ./w.torrent | Should -BeFalse
    }

    It 'reports a missing source as ObjectNotFound' {
        { New-Torrent ./missing ./m.torrent -ErrorAction Stop } | Should -Throw -ErrorId 'SourceNotFound,JsTorrent.PowerShell.Commands.NewTorrentCommand'
    }

    It 'reports a folder of empty files as an invalid source' {
        $null = New-Item -ItemType Directory ./empty-share
        $null = New-Item -ItemType File ./empty-share/zero.txt
        { New-Torrent ./empty-share ./e.torrent -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidTorrentSource,JsTorrent.PowerShell.Commands.NewTorrentCommand'
        Test-Path ./e.torrent | Should -BeFalse
    }

    It 'writes progress records' {
        # Progress goes to the host, not the output; a child PowerShell instance captures the stream.
        $ps = [powershell]::Create()
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', $script:manifest).AddStatement()
        $null = $ps.AddCommand('New-Torrent').AddParameter('Path', (Join-Path $script:work 'share')).AddParameter('Destination', (Join-Path $script:work 'q.torrent'))
        $null = $ps.Invoke()
        $ps.HadErrors | Should -BeFalse
        $ps.Streams.Progress.Count | Should -BeGreaterThan 0
        $last = $ps.Streams.Progress[-1]
        $last.RecordType | Should -Be 'Completed'
        # 82,345 content bytes: shown in KiB, not as "0 of 0 MiB".
        $last.StatusDescription | Should -Match '^80[.,]4 of 80[.,]4 KiB hashed$'
        $last.PercentComplete | Should -Be 100
        @($ps.Streams.Progress | Where-Object { $_.PercentComplete -lt 0 -or $_.PercentComplete -gt 100 }) | Should -HaveCount 0
        $ps.Dispose()
    }

    It 'stops promptly on Ctrl+C, with every hashing worker finished and the content closed' {
        # 4 GiB of zeros in a sparse file (on NTFS the space is reserved, never written) at 16 KiB
        # pieces takes seconds to hash on any machine, so the stop below always lands mid-hash.
        $big = Join-Path $script:work 'big.bin'
        $stream = [System.IO.File]::Create($big)
        try { $stream.SetLength(4GB) } finally { $stream.Dispose() }
        $torrent = Join-Path $script:work 'big.torrent'

        # The module comes with the runspace: a second statement would make PowerShell add a
        # 'PipelineStopped' error record of its own to the stopped batch.
        $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $state.ImportPSModule([string[]] @($script:manifest))
        $ps = [powershell]::Create($state)
        try {
            $null = $ps.AddCommand('New-Torrent').AddParameter('Path', $big).AddParameter('Destination', $torrent).AddParameter('PieceSize', 16KB)
            $async = $ps.BeginInvoke()

            # Hashing is under way once New-Torrent writes its first progress tick (every 250 ms).
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            $hashing = $false
            while (-not $hashing -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) {
                $null = $async.AsyncWaitHandle.WaitOne(20)
                for ($i = 0; $i -lt $ps.Streams.Progress.Count; $i++) {
                    if ($ps.Streams.Progress[$i].ActivityId -eq 0x4A53) { $hashing = $true }
                }
            }
            $hashing | Should -BeTrue -Because 'New-Torrent reports progress while it hashes'
            $async.IsCompleted | Should -BeFalse -Because 'hashing 4 GiB takes longer than one progress tick'

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()   # what Ctrl+C does; returns once the pipeline has ended
            $watch.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15

            # By now no worker may still be reading: no descriptor of this process is open on the file
            # (Linux), and the file can be deleted (Windows refuses to delete a file that is open).
            if (Test-Path -LiteralPath '/proc/self/fd') {
                $open = @([System.IO.Directory]::GetFileSystemEntries('/proc/self/fd') |
                        ForEach-Object { ([System.IO.FileInfo]::new($_)).LinkTarget } |
                        Where-Object { $_ -eq $big })
                $open | Should -HaveCount 0 -Because 'the hashing workers must have closed the content'
            }
            { Remove-Item -LiteralPath $big -ErrorAction Stop } | Should -Not -Throw

            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Streams.Error | Should -HaveCount 0
            # The stop itself is the only exception: no cancellation or I/O error surfaced.
            $ps.InvocationStateInfo.Reason | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])
            Test-Path -LiteralPath $torrent | Should -BeFalse
            Test-Path -LiteralPath "$torrent.partial" | Should -BeFalse
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'refuses a file-system root as the source' {
        $root = [System.IO.Path]::GetPathRoot($script:work)
        $err = { New-Torrent -Path $root -Destination ./root.torrent -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidTorrentSource,JsTorrent.PowerShell.Commands.NewTorrentCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike '*root*'
        Test-Path ./root.torrent | Should -BeFalse
    }

    It 'reports a piece size the engine refuses as InvalidPieceSize' {
        # In the parameter's range (so it reaches the engine) but not a power of two.
        $err = { New-Torrent ./single.bin ./p.torrent -PieceSize 100000 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidPieceSize,JsTorrent.PowerShell.Commands.NewTorrentCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path ./p.torrent | Should -BeFalse
    }

    It 'reports a piece size that needs too many pieces as InvalidPieceSize' {
        # 3 TiB at 16 KiB is 201 million pieces; the engine refuses before reading a byte. A sparse
        # file holds that size in no space (NTFS would reserve it all, hence not on Windows).
        if ($IsWindows) {
            Set-ItResult -Skipped -Because 'NTFS reserves the full length of a file that is not marked sparse'
            return
        }
        $huge = Join-Path $script:work 'huge.bin'
        $stream = [System.IO.File]::Create($huge)
        try { $stream.SetLength(3TB) } finally { $stream.Dispose() }
        $err = { New-Torrent $huge ./h.torrent -PieceSize 16KB -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidPieceSize,JsTorrent.PowerShell.Commands.NewTorrentCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses to write the .torrent inside the folder being shared' {
        Push-Location ./share
        try {
            # The default destination, <name>.torrent in the current folder, is inside the share here.
            $err = { New-Torrent -Path . -ErrorAction Stop } |
                Should -Throw -ErrorId 'DestinationInsideSource,JsTorrent.PowerShell.Commands.NewTorrentCommand' -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike '*-Destination*'
            Test-Path ./share.torrent | Should -BeFalse
        }
        finally {
            Pop-Location
        }
        { New-Torrent ./share ./share/sub/x.torrent -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'DestinationInsideSource,JsTorrent.PowerShell.Commands.NewTorrentCommand'
        # Over the very file being shared, even with -Force.
        { New-Torrent ./single.bin ./single.bin -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'DestinationInsideSource,JsTorrent.PowerShell.Commands.NewTorrentCommand'
        (Get-Item ./single.bin).Length | Should -Be 70000
        # Beside the folder is fine, even though the path starts with the folder's path.
        (New-Torrent ./share ./share.torrent).Name | Should -Be 'share'
    }

    It 'refuses an existing folder as the destination before hashing and leaves no partial file' {
        $null = New-Item -ItemType Directory ./dest.torrent
        $err = { New-Torrent ./single.bin ./dest.torrent -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'DestinationIsFolder,JsTorrent.PowerShell.Commands.NewTorrentCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path ./dest.torrent -PathType Container | Should -BeTrue
        Test-Path ./dest.torrent.partial | Should -BeFalse
    }

    It 'refuses a destination whose folder does not exist, before hashing' {
        $err = { New-Torrent ./single.bin ./nope/x.torrent -ErrorAction Stop } |
            Should -Throw -ErrorId 'DestinationFolderNotFound,JsTorrent.PowerShell.Commands.NewTorrentCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports paths that are not file-system paths with their own error ids' {
        $err = { New-Torrent Env:/PATH ./e.torrent -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidTorrentSource,JsTorrent.PowerShell.Commands.NewTorrentCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err = { New-Torrent ./single.bin Env:/x -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidDestination,JsTorrent.PowerShell.Commands.NewTorrentCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err = { New-Torrent nosuchdrive:/x ./n.torrent -ErrorAction Stop } |
            Should -Throw -ErrorId 'SourceNotFound,JsTorrent.PowerShell.Commands.NewTorrentCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'writes one error per failed item from the pipeline and goes on with the others' {
        $errors = $null
        $made = @('./single.bin', './missing', './share' | ForEach-Object { [pscustomobject]@{ Path = $_ } } |
                New-Torrent -NoCreationDate -ErrorVariable errors -ErrorAction SilentlyContinue)
        $made.Name | Should -Be @('single.bin', 'share')
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'SourceNotFound,JsTorrent.PowerShell.Commands.NewTorrentCommand'
    }

    It 'replaces an existing destination with -Force' {
        New-Torrent ./single.bin ./r.torrent -NoCreationDate | Out-Null
        (New-Torrent ./share ./r.torrent -Force -NoCreationDate).Name | Should -Be 'share'
        (Get-TorrentInfo ./r.torrent).Name | Should -Be 'share'
        Test-Path ./r.torrent.partial | Should -BeFalse
    }
}

Describe 'Get-TorrentInfo' {
    BeforeAll {
        $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ("jst-pester-" + [guid]::NewGuid().ToString('N'))
        New-TestContent $script:work
        $script:torrentA = (New-Torrent (Join-Path $script:work 'share') (Join-Path $script:work 'a.torrent') -NoCreationDate).Path
        $script:torrentB = (New-Torrent (Join-Path $script:work 'single.bin') (Join-Path $script:work 'b.torrent') -NoCreationDate).Path
        [System.IO.File]::WriteAllText((Join-Path $script:work 'bad.torrent'), '<html>not a torrent</html>')
        [System.IO.File]::WriteAllBytes((Join-Path $script:work '[odd] name.torrent'), [System.IO.File]::ReadAllBytes($script:torrentB))
    }

    AfterAll {
        Remove-Item -LiteralPath $script:work -Recurse -Force
    }

    It 'expands wildcards and reports bad files as non-terminating errors' {
        $errors = $null
        $infos = Get-TorrentInfo -Path (Join-Path $script:work '?.torrent'), (Join-Path $script:work 'bad.torrent') -ErrorVariable errors -ErrorAction SilentlyContinue
        $infos.Count | Should -Be 2
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidTorrentFile,JsTorrent.PowerShell.Commands.GetTorrentInfoCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'takes files from Get-ChildItem through the pipeline' {
        $infos = Get-ChildItem -LiteralPath $script:work -Filter '?.torrent' | Get-TorrentInfo
        ($infos.Name | Sort-Object) | Should -Be @('share', 'single.bin')
    }

    It 'reads names with wildcard characters through -LiteralPath' {
        (Get-TorrentInfo -LiteralPath (Join-Path $script:work '[odd] name.torrent')).Name | Should -Be 'single.bin'
    }

    It 'reports a missing file as PathNotFound' {
        { Get-TorrentInfo -Path (Join-Path $script:work 'nope.torrent') -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,JsTorrent.PowerShell.Commands.GetTorrentInfoCommand'
    }

    It 'reports a missing -LiteralPath as PathNotFound' {
        $err = { Get-TorrentInfo -LiteralPath (Join-Path $script:work 'missing.torrent') -ErrorAction Stop } |
            Should -Throw -ErrorId 'PathNotFound,JsTorrent.PowerShell.Commands.GetTorrentInfoCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reads a magnet link piped in' {
        $info = 'magnet:?xt=urn:btih:C12FE1C06BBA254A9DC9F519B335AA7C1367A88A&dn=Big+Buck+Bunny' | Get-TorrentInfo -ErrorAction Stop
        $info.IsMagnet | Should -BeTrue
        $info.InfoHash | Should -Be 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a'
    }

    It 'reads a magnet link passed by position, among files, in order' {
        $infos = @(Get-TorrentInfo $script:torrentB, 'MAGNET:?xt=urn:btih:C12FE1C06BBA254A9DC9F519B335AA7C1367A88A&dn=Big+Buck+Bunny' -ErrorAction Stop)
        $infos | Should -HaveCount 2
        $infos[0].IsMagnet | Should -BeFalse
        $infos[0].Name | Should -Be 'single.bin'
        $infos[1].IsMagnet | Should -BeTrue
        $infos[1].Name | Should -Be 'Big Buck Bunny'
    }

    It 'reports a malformed magnet link passed by position as InvalidMagnetLink' {
        { Get-TorrentInfo 'magnet:?xt=urn:btih:1234' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMagnetLink,JsTorrent.PowerShell.Commands.GetTorrentInfoCommand'
    }

    It 'reads a magnet link' {
        $info = Get-TorrentInfo -Uri 'magnet:?xt=urn:btih:C12FE1C06BBA254A9DC9F519B335AA7C1367A88A&dn=Big+Buck+Bunny&tr=udp%3A%2F%2Ftracker.example%3A1337&x.pe=127.0.0.1:6881'
        $info.IsMagnet | Should -BeTrue
        $info.InfoHash | Should -Be 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a'
        $info.Name | Should -Be 'Big Buck Bunny'
        $info.Trackers | Should -Be @('udp://tracker.example:1337')
        $info.Peers | Should -Be @('127.0.0.1:6881')
        $info.Files | Should -BeNullOrEmpty
    }

    It 'round-trips its magnet link' {
        $info = Get-TorrentInfo -Path $script:torrentA
        (Get-TorrentInfo -Uri $info.MagnetUri).InfoHash | Should -Be $info.InfoHash
    }

    It 'reports a malformed magnet link with its own error id' {
        { Get-TorrentInfo -Uri 'magnet:?xt=urn:btih:1234' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMagnetLink,JsTorrent.PowerShell.Commands.GetTorrentInfoCommand'
    }

    It 'shows hostile paths mapped safely' {
        $hostile = Join-Path $script:work 'hostile.torrent'
        $pieces = 'A' * 20
        $info = "d5:filesld6:lengthi5e4:pathl2:..2:..3:etc6:passwdeee4:name2:..12:piece lengthi16384e6:pieces20:${pieces}e"
        [System.IO.File]::WriteAllText($hostile, "d4:info${info}e", [System.Text.Encoding]::ASCII)
        $read = Get-TorrentInfo -LiteralPath $hostile
        $read.Name | Should -Be '_'
        $read.Files[0].Path | Should -Be '_/etc/passwd'
        $read.Files[0].OriginalPath | Should -Be '../../etc/passwd'
    }
}

Describe 'Waiting for engine work (CancellableCmdlet.WaitFor)' {
    BeforeAll {
        # A probe cmdlet on the module's base class: its work observes the cancellation token but, like
        # a hashing worker closing its files, takes a while (ShutdownMilliseconds) to end after it.
        if (-not ('JsTorrentTests.WaitForProbeCommand' -as [type])) {
            $probe = @'
using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrentTests
{
    [Cmdlet("Test", "JstWaitFor")]
    public sealed class WaitForProbeCommand : JsTorrent.PowerShell.Internal.CancellableCmdlet
    {
        public const int ShutdownMilliseconds = 500;
        private static int _ticks;

        public static int Ticks { get { return Volatile.Read(ref _ticks); } }

        public static bool? WorkEndedBeforeReturn { get; private set; }

        [Parameter]
        public SwitchParameter FailTick { get; set; }

        public static void Reset()
        {
            Volatile.Write(ref _ticks, 0);
            WorkEndedBeforeReturn = null;
        }

        protected override void ProcessRecord()
        {
            var work = new TaskCompletionSource<int>();
            CancellationToken.Register(() => Task.Delay(ShutdownMilliseconds).ContinueWith(_ => work.SetResult(0)));
            try
            {
                WaitFor(work.Task, () =>
                {
                    Interlocked.Increment(ref _ticks);
                    if (FailTick)
                    {
                        throw new InvalidOperationException("tick failed");
                    }

                    WriteProgress(new ProgressRecord(1, "probe", "waiting"));
                }, TimeSpan.FromMilliseconds(10));
            }
            finally
            {
                WorkEndedBeforeReturn = work.Task.IsCompleted;
            }
        }
    }
}
'@
            $assemblies = @(
                (Join-Path (Split-Path -Parent $script:manifest) 'JsTorrent.PowerShell.dll'),
                [psobject].Assembly.Location,
                'netstandard', 'System.Runtime', 'System.Threading', 'System.Threading.Tasks')
            # -IgnoreWarnings: the module is built against PowerShell Standard (SMA 3.0), unified to this SMA (CS1701).
            Add-Type -TypeDefinition $probe -ReferencedAssemblies $assemblies -IgnoreWarnings -WarningAction SilentlyContinue
        }

        function New-ProbeShell {
            $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
            $state.Commands.Add([System.Management.Automation.Runspaces.SessionStateCmdletEntry]::new(
                    'Test-JstWaitFor', [JsTorrentTests.WaitForProbeCommand], $null))
            [powershell]::Create($state)
        }
    }

    It 'does not return until the work has ended when the pipeline stops' {
        [JsTorrentTests.WaitForProbeCommand]::Reset()
        $ps = New-ProbeShell
        try {
            $null = $ps.AddCommand('Test-JstWaitFor')
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ([JsTorrentTests.WaitForProbeCommand]::Ticks -eq 0 -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) {
                $null = $async.AsyncWaitHandle.WaitOne(10)
            }
            [JsTorrentTests.WaitForProbeCommand]::Ticks | Should -BeGreaterThan 0 -Because 'the probe is waiting and ticking'

            $ps.Stop()

            # Before the fix the next tick's PipelineStoppedException ended the cmdlet at once, with the
            # work still shutting down.
            [JsTorrentTests.WaitForProbeCommand]::WorkEndedBeforeReturn | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.InvocationStateInfo.Reason | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])
            $ps.Streams.Error | Should -HaveCount 0
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'cancels and waits for the work when a tick fails, then rethrows the tick''s exception' {
        [JsTorrentTests.WaitForProbeCommand]::Reset()
        $ps = New-ProbeShell
        try {
            $null = $ps.AddCommand('Test-JstWaitFor').AddParameter('FailTick')
            $err = { $ps.Invoke() } | Should -Throw -PassThru
            $err.Exception.GetBaseException() | Should -BeOfType ([System.InvalidOperationException])
            $err.Exception.GetBaseException().Message | Should -Be 'tick failed'
            [JsTorrentTests.WaitForProbeCommand]::WorkEndedBeforeReturn | Should -BeTrue
        }
        finally {
            $ps.Dispose()
        }
    }
}
