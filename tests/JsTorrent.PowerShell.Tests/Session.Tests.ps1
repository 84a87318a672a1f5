# Pester 5 tests of Resume-TorrentSession on the memory preset: the in-memory session kept per runspace and network,
# a LiteDB session file, and the errors (another session file, a session file another runspace holds, unreadable records).
# Torrents are added and downloaded through the engine's .NET API, so these tests do not depend on Add-Torrent.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # Loads JsTorrent.Adapters (the type of -MemoryNetwork), so Start-TestEngine can name MemoryNetwork in a fresh process.
    $null = (Get-Command Start-TorrentEngine).Parameters['MemoryNetwork'].ParameterType
    $script:Net = Start-TestEngine
    $script:Work = New-TestFolder
    $script:File = @(New-TestContent -Folder $script:Work -Files @{ 'film.bin' = 300000 })[0]
    $script:TorrentPath = "$script:File.torrent"
    $null = New-Torrent -Path $script:File -Destination $script:TorrentPath -PieceSize 16KB -NoCreationDate
    $script:Cmd = 'JsTorrent.PowerShell.Commands.Session.ResumeTorrentSessionCommand'

    function Add-TestTorrent([switch] $Stopped) {
        $options = [JsTorrent.Engine.Core.AddTorrentOptions]::new()
        $options.Stopped = [bool] $Stopped
        $bt = (Get-TorrentEngine).GetBtEngine()
        Wait-TestTask ($bt.AddTorrentAsync([IO.File]::ReadAllBytes($script:TorrentPath), $options, [Threading.CancellationToken]::None))
    }

    function Wait-TestCondition([scriptblock] $Condition, [string] $What, [int] $TimeoutSeconds = 60) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting for $What." }
            Start-Sleep -Milliseconds 20
        }
    }

    $script:SessionFolders = [System.Collections.Generic.List[string]]::new()
    function New-TestSessionPath {
        $folder = New-TestFolder
        $script:SessionFolders.Add($folder)
        Join-Path $folder 'session.db'
    }
}

AfterAll {
    Stop-TorrentEngine
    Remove-Item -LiteralPath $script:Work -Recurse -Force
    $script:SessionFolders | Remove-Item -Recurse -Force
}

Describe 'Resume-TorrentSession' {
    AfterEach {
        Stop-TorrentEngine
    }

    It 'brings back a downloaded torrent after Stop/Start without downloading or checking it again' {
        $network = Start-TestEngine
        $seeder = New-TestSeeder -Network $network -TorrentPath $script:TorrentPath -ContentParent $script:Work
        try {
            $torrent = Add-TestTorrent
            Wait-TestTask ($torrent.AddPeerAsync($seeder.Address, $seeder.Port))
            Wait-TestCondition { $torrent.Progress -ge 1 -and "$($torrent.State)" -eq 'Seeding' } 'the download'
        }
        finally { $seeder | Remove-TestSeeder }
        $downloaded = $torrent.BytesDownloaded
        $downloaded | Should -BeGreaterOrEqual 300000

        # With the seeder gone, the torrent can only be complete from what the session and the memory disk kept.
        Stop-TorrentEngine
        $null = Start-TorrentEngine -Preset Memory -MemoryNetwork $network
        (Get-TorrentEngine).TorrentCount | Should -Be 0

        $resumed = @(Resume-TorrentSession)
        $resumed.Count | Should -Be 1
        $resumed[0] | Should -BeOfType ([JsTorrent.Torrent])
        $resumed[0].InfoHash | Should -Be $torrent.InfoHash.ToString()
        # Trusted from the session at once: no full check was needed to reach 100%.
        $resumed[0].PercentComplete | Should -Be 100
        $resumed[0].VerifiedPieces | Should -Be $resumed[0].PieceCount
        "$($resumed[0].State)" | Should -Not -Be 'Checking'
        Wait-TestCondition { "$($resumed[0].State)" -eq 'Seeding' } 'the resumed torrent to seed' -TimeoutSeconds 10
        $resumed[0].Downloaded | Should -Be $downloaded
        Get-TestHash (Read-TestTorrentFile -Torrent $resumed[0] -RelativePath 'film.bin') | Should -Be (Get-TestHash ([IO.File]::ReadAllBytes($script:File)))

        $again = @(Resume-TorrentSession)
        $again.InfoHash | Should -Be @($torrent.InfoHash.ToString())
        (Get-TorrentEngine).TorrentCount | Should -Be 1
        $resumed[0].Downloaded | Should -Be $downloaded
    }

    It 'restores nothing with -WhatIf' {
        $network = Start-TestEngine
        $null = Add-TestTorrent -Stopped
        Stop-TorrentEngine
        $null = Start-TorrentEngine -Preset Memory -MemoryNetwork $network
        Resume-TorrentSession -WhatIf | Should -BeNullOrEmpty
        (Get-TorrentEngine).TorrentCount | Should -Be 0
        @(Resume-TorrentSession).Count | Should -Be 1
    }

    It 'resumes a LiteDB session file (-SessionPath) across Stop/Start, starting the engine for -Path' {
        $session = New-TestSessionPath
        $null = Start-TestEngine -Parameters @{ SessionPath = $session }
        (Get-TorrentEngine).SessionPath | Should -Be $session
        $torrent = Add-TestTorrent -Stopped
        Stop-TorrentEngine
        Test-Path -LiteralPath $session | Should -BeTrue

        # No engine: -Path starts one (the preset named) on that file.
        $resumed = @(Resume-TorrentSession -Path $session -Preset Memory -MemoryNetwork $script:Net)
        $resumed.InfoHash | Should -Be @($torrent.InfoHash.ToString())
        "$($resumed[0].State)" | Should -Be 'Stopped'
        (Get-TorrentEngine).Preset | Should -Be 'Memory'
        (Get-TorrentEngine).SessionPath | Should -Be $session

        Stop-TorrentEngine
        $null = Start-TorrentEngine -Preset Memory -SessionPath $session -MemoryNetwork $script:Net
        @(Resume-TorrentSession -Path $session).InfoHash | Should -Be @($torrent.InfoHash.ToString())
        (Get-TorrentEngine).TorrentCount | Should -Be 1
    }

    It 'refuses another session file than the engine''s with SessionPathMismatch' {
        $session = New-TestSessionPath
        $other = New-TestSessionPath
        $null = Start-TestEngine -Parameters @{ SessionPath = $session }
        { Resume-TorrentSession -Path $other } | Should -Throw -ErrorId "SessionPathMismatch,$script:Cmd"
        try { Resume-TorrentSession -Path $other } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $record.Exception.Message | Should -Match 'Stop-TorrentEngine'

        Stop-TorrentEngine
        $null = Start-TestEngine
        { Resume-TorrentSession -Path $session } | Should -Throw -ErrorId "SessionPathMismatch,$script:Cmd"
        { Resume-TorrentSession -Preset Native } | Should -Throw -ErrorId "EnginePresetMismatch,$script:Cmd"
    }

    It 'refuses a session file that does not exist with SessionFileNotFound' {
        $missing = New-TestSessionPath
        { Resume-TorrentSession -Path $missing -Preset Memory } | Should -Throw -ErrorId "SessionFileNotFound,$script:Cmd"
        Test-Path -LiteralPath $missing | Should -BeFalse
        Get-TorrentEngine | Should -BeNullOrEmpty
    }

    It 'reports a session file another runspace uses as SessionInUse, saying how to use another one' {
        $session = New-TestSessionPath
        $other = [powershell]::Create()
        try {
            $null = $other.AddScript({
                    param($Module, $Session)
                    Import-Module $Module
                    (Start-TorrentEngine -Preset Memory -SessionPath $Session).SessionPath
                }).AddArgument((Get-TestModulePath)).AddArgument($session)
            $other.Invoke() | Should -Be $session
            $other.Streams.Error | Should -BeNullOrEmpty

            Stop-TorrentEngine
            try { Resume-TorrentSession -Path $session -Preset Memory -MemoryNetwork $script:Net } catch { $record = $_ }
            $record.FullyQualifiedErrorId | Should -Be "SessionInUse,$script:Cmd"
            $record.CategoryInfo.Category | Should -Be 'ResourceBusy'
            $record.Exception.Message | Should -Match '-SessionPath'
            Get-TorrentEngine | Should -BeNullOrEmpty
        }
        finally {
            $other.Runspace.Close()
            $other.Dispose()
        }

        # Once that runspace closed, its engine let the file go.
        @(Resume-TorrentSession -Path $session -Preset Memory -MemoryNetwork $script:Net).Count | Should -Be 0
    }

    It 'writes the engine''s warnings about unreadable records and still restores the rest' {
        $session = New-TestSessionPath
        $null = Start-TestEngine -Parameters @{ SessionPath = $session }
        $torrent = Add-TestTorrent -Stopped
        $hash = $torrent.InfoHash.ToString()
        Stop-TorrentEngine

        $store = [JsTorrent.Adapters.LiteDb.LiteDbSessionStore]::Open($session)
        try {
            $garbage = [ReadOnlyMemory[byte]]::new([Text.Encoding]::ASCII.GetBytes('not bencode'))
            Wait-TestTask ($store.SetAsync("torrent:${hash}:progress", $garbage, [Threading.CancellationToken]::None))
            Wait-TestTask ($store.SetAsync('torrent:0123456789abcdef0123456789abcdef01234567:peers', $garbage, [Threading.CancellationToken]::None))
        }
        finally { $store.Dispose() }

        $resumed = @(Resume-TorrentSession -Path $session -Preset Memory -MemoryNetwork $script:Net -WarningVariable warnings -WarningAction SilentlyContinue)
        $resumed.InfoHash | Should -Be @($hash)
        $warnings.Count | Should -BeGreaterOrEqual 2
        ($warnings | Where-Object { "$_" -match $hash }) | Should -Not -BeNullOrEmpty
        ($warnings | Where-Object { "$_" -match '0123456789abcdef0123456789abcdef01234567' }) | Should -Not -BeNullOrEmpty
    }
}
