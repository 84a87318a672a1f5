# Pester 5 tests of Wait-Torrent over the memory preset: .NET seeders on the memory network serve the content.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # The adapters load lazily with the first engine; the helpers name their types before that.
    Add-Type -LiteralPath (Join-Path (Split-Path -Parent (Get-TestModulePath)) 'JsTorrent.Adapters.dll')

    $script:Id = 'JsTorrent.PowerShell.Commands.Torrents.WaitTorrentCommand'
    $script:Source = New-TestFolder
    $null = New-TestContent -Folder $script:Source -Files @{ 'set/a.bin' = 100000; 'set/sub/b.bin' = 50000; 'one.bin' = 70000 } -Seed 3
    $script:SetTorrent = Join-Path $script:Source 'set.torrent'
    $script:OneTorrent = Join-Path $script:Source 'one.torrent'
    $null = New-Torrent -Path (Join-Path $script:Source 'set') -Destination $script:SetTorrent -PieceSize 16KB
    $null = New-Torrent -Path (Join-Path $script:Source 'one.bin') -Destination $script:OneTorrent -PieceSize 16KB

    function Start-Seeder([string] $TorrentPath) {
        $seeder = New-TestSeeder -Network $script:Network -TorrentPath $TorrentPath -ContentParent $script:Source
        $script:Seeders.Add($seeder)
        $seeder
    }

    function Start-ChildWait([string] $WaitArguments) {
        <#
            Runs Wait-Torrent in a runspace of its own (so this one can act while it waits): its engine joins the test
            network and adds one.torrent without peers. $Shared gets that engine and torrent once the wait has started.
        #>
        $shared = [hashtable]::Synchronized(@{})
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Module, $Network, $TorrentPath, $Shared, $WaitArguments)
                Import-Module $Module
                $null = Start-TorrentEngine -Preset Memory -MemoryNetwork $Network
                $torrent = Add-Torrent $TorrentPath
                $Shared.Engine = (Get-TorrentEngine).GetBtEngine()
                $Shared.Torrent = $torrent.GetEngineTorrent()
                Invoke-Expression "Wait-Torrent $WaitArguments"
            }).AddArgument((Get-TestModulePath)).AddArgument($script:Network).AddArgument($script:OneTorrent).AddArgument($shared).AddArgument($WaitArguments)
        $async = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ($ps.Streams.Progress.Count -eq 0) {
            if ($async.IsCompleted -or [DateTime]::UtcNow -gt $deadline) { throw "Wait-Torrent did not start waiting: $($ps.Streams.Error | Out-String)" }
            Start-Sleep -Milliseconds 20
        }
        [pscustomobject]@{ PowerShell = $ps; Async = $async; Shared = $shared }
    }
}

AfterAll {
    Stop-TorrentEngine
    Remove-Item -LiteralPath $script:Source -Recurse -Force
}

Describe 'Wait-Torrent' {
    BeforeEach {
        $script:Network = Start-TestEngine
        $script:Seeders = [System.Collections.Generic.List[object]]::new()
    }

    AfterEach {
        $script:Seeders | Remove-TestSeeder
    }

    It 'outputs the torrent once it is complete (-Name, -InfoHash, pipeline, and no arguments)' {
        $seeder = Start-Seeder $script:SetTorrent
        $added = Add-Torrent $script:SetTorrent -Peer $seeder.Peer
        $done = Wait-Torrent -Name 'se*' -Timeout 60
        $done | Should -Be $added
        $done.State | Should -Be 'Seeding'
        Wait-Torrent -InfoHash $added.InfoHash.ToUpperInvariant() -Timeout 10 | Should -Be $added
        $added | Wait-Torrent -Timeout 10 | Should -Be $added
        Wait-Torrent -Timeout 10 | Should -Be $added
    }

    It 'gives a WaitTimeout error per unfinished torrent when -Timeout <Timeout> runs out, and leaves them running' -ForEach @(
        @{ Timeout = 1 }, @{ Timeout = [TimeSpan]::FromMilliseconds(800) }, @{ Timeout = '0.8' }
    ) {
        $torrent = Add-Torrent $script:OneTorrent
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $output = Wait-Torrent -InputObject $torrent -Timeout $Timeout -ErrorVariable err -ErrorAction SilentlyContinue
        $clock.Stop()
        $output | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "WaitTimeout,$script:Id"
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err[0].TargetObject | Should -Be $torrent
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.75
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        $torrent.State | Should -Be 'Downloading' -Because 'the torrent keeps running after the wait'
    }

    It 'returns with -Any as soon as one torrent is complete' {
        $seeder = Start-Seeder $script:SetTorrent
        $fast = Add-Torrent $script:SetTorrent -Peer $seeder.Peer
        $stuck = Add-Torrent $script:OneTorrent
        $first = Wait-Torrent -InputObject $fast, $stuck -Any -Timeout 60 -ErrorVariable err
        $first | Should -Be $fast
        $err | Should -BeNullOrEmpty
        $stuck.State | Should -Be 'Downloading'
    }

    It 'reports a torrent that fails as TorrentFailed and stops waiting for it' {
        $seeder = Start-Seeder $script:OneTorrent
        $torrent = Add-Torrent $script:OneTorrent -Suspended
        $engineTorrent = $torrent.GetEngineTorrent()
        $engineTorrent.FileSystem.Faults.FailWriteNumber = 1
        Wait-TestTask ($engineTorrent.AddPeerAsync($seeder.Address, $seeder.Port))
        Wait-TestTask ($engineTorrent.StartAsync([System.Threading.CancellationToken]::None))
        $output = $torrent | Wait-Torrent -Timeout 60 -ErrorVariable err -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "TorrentFailed,$script:Id"
        $err[0].Exception.Message | Should -BeLike "*$($engineTorrent.ErrorMessage)*"
        $torrent.State | Should -Be 'Error'
    }

    It 'reports a torrent removed while waited for as TorrentRemoved' {
        $child = Start-ChildWait '-Name one.bin -Timeout 60'
        try {
            Wait-TestTask ($child.Shared.Engine.RemoveTorrentAsync($child.Shared.Torrent, $false, [System.Threading.CancellationToken]::None))
            $child.Async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue
            $output = $child.PowerShell.EndInvoke($child.Async)
            $output | Should -BeNullOrEmpty
            $child.PowerShell.Streams.Error[0].FullyQualifiedErrorId | Should -Be "TorrentRemoved,$script:Id"
        }
        finally { $child.PowerShell.Dispose() }
    }

    It 'stops waiting on Ctrl+C and leaves the torrent running' {
        $child = Start-ChildWait '-Name one.bin'
        try {
            $stopped = $child.PowerShell.BeginStop($null, $null)
            $stopped.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue
            $child.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
            $child.Shared.Engine.Torrents.Count | Should -Be 1
            $child.Shared.Torrent.State | Should -Be 'Downloading'
            $progress = @($child.PowerShell.Streams.Progress)
            $progress[0].ParentActivityId | Should -Not -Be -1 -Because 'the first record is the torrent''s bar, under the parent bar'
        }
        finally { $child.PowerShell.Dispose() }
    }

    It 'writes TorrentNotFound for a name that matches nothing, and waits for nothing' {
        Wait-Torrent -Name 'no-such-torrent' -Timeout 30 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "TorrentNotFound,$script:Id"
    }
}
