# Pester 5 tests of Add-Torrent over content that is already on disk: a Native engine (real files, no session, no
# peers) checks it and seeds it, downloading and overwriting nothing; -Destination lays the content out as
# <destination>/<name> (single file) and <destination>/<name>/<path> (multi-file).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    $script:Id = 'JsTorrent.PowerShell.Commands.Torrents.AddTorrentCommand'
    $script:Work = New-TestFolder
    $script:Content = Join-Path $script:Work 'content'
    $null = New-TestContent -Folder $script:Content -Files @{ 'set/a.bin' = 100000; 'set/sub/b.bin' = 50000; 'one.bin' = 70000 } -Seed 7
    $script:Torrents = Join-Path $script:Work 'torrents'
    $null = New-Item -ItemType Directory -Path $script:Torrents
    $null = New-Torrent -Path (Join-Path $script:Content 'set') -Destination (Join-Path $script:Torrents 'set.torrent') -PieceSize 16KB
    $null = New-Torrent -Path (Join-Path $script:Content 'one.bin') -Destination (Join-Path $script:Torrents 'one.torrent') -PieceSize 16KB

    function Get-Snapshot {
        Get-ChildItem -LiteralPath $script:Content -Recurse -File | Sort-Object FullName | ForEach-Object {
            [pscustomobject]@{ Path = $_.FullName; Hash = (Get-FileHash -LiteralPath $_.FullName).Hash; Written = $_.LastWriteTimeUtc; Length = $_.Length }
        }
    }
}

AfterAll {
    Stop-TorrentEngine
    Remove-Item -LiteralPath $script:Work -Recurse -Force
}

Describe 'Add-Torrent over existing content' {
    BeforeEach {
        Stop-TorrentEngine
        $script:Downloads = Join-Path $script:Work ('downloads-' + [guid]::NewGuid().ToString('N'))
        $null = Start-TorrentEngine -Preset Native -NoSession -Port 0 -ListenAddress 127.0.0.1 -DownloadPath $script:Downloads
        $script:States = [System.Collections.Generic.List[string]]::new()
        # Register-ObjectEvent queues the engine's events for this runspace; nothing runs on the engine's thread.
        $null = Register-ObjectEvent -InputObject (Get-TorrentEngine).GetBtEngine() -EventName StateChanged -SourceIdentifier 'jst-existing-state'
    }

    AfterEach {
        Unregister-Event -SourceIdentifier 'jst-existing-state' -ErrorAction SilentlyContinue
        Get-Event -SourceIdentifier 'jst-existing-state' -ErrorAction SilentlyContinue | Remove-Event
        Stop-TorrentEngine
    }

    It 'checks a complete copy at the destination and seeds it with nothing downloaded or overwritten' {
        $before = Get-Snapshot
        $added = Add-Torrent (Join-Path $script:Torrents '*.torrent') -Destination $script:Content -Wait -Timeout 60
        @($added).Count | Should -Be 2
        foreach ($torrent in $added) {
            $torrent.State | Should -Be 'Seeding'
            $torrent.PercentComplete | Should -Be 100
            $torrent.Downloaded | Should -Be 0
        }

        ($added | Where-Object Name -EQ 'set').Path | Should -Be (Join-Path $script:Content 'set')
        ($added | Where-Object Name -EQ 'one.bin').Path | Should -Be (Join-Path $script:Content 'one.bin')
        $after = Get-Snapshot
        $after.Path | Should -Be $before.Path -Because 'no file was added or removed'
        $after.Hash | Should -Be $before.Hash
        $after.Written | Should -Be $before.Written -Because 'nothing was written over'

        $checked = @(Get-Event -SourceIdentifier 'jst-existing-state' | Where-Object { $_.SourceEventArgs.Current -eq 'Checking' })
        $checked.Count | Should -Be 2 -Because 'each torrent checked the files it found'
    }

    It 'creates a missing destination and registers it as a storage root once' {
        $empty = Join-Path $script:Work ('empty-' + [guid]::NewGuid().ToString('N'))
        $torrent = Add-Torrent (Join-Path $script:Torrents 'one.torrent') -Destination $empty -Suspended
        Test-Path -LiteralPath $empty -PathType Container | Should -BeTrue -Because 'the destination folder is created'
        $torrent.Path | Should -Be (Join-Path $empty 'one.bin')
        $torrent.PercentComplete | Should -Be 0
        $null = Add-Torrent (Join-Path $script:Torrents 'set.torrent') -Destination $empty -Suspended
        @((Get-TorrentEngine).GetBtEngine().StorageRoots | Where-Object Path -EQ $empty).Count | Should -Be 1
        Get-Event -SourceIdentifier 'jst-existing-state' | Where-Object { $_.SourceEventArgs.Current -eq 'Checking' } | Should -BeNullOrEmpty -Because 'there was nothing to check'
    }

    It 'refuses a -Destination that is a file' {
        $file = Join-Path $script:Content 'one.bin'
        { Add-Torrent (Join-Path $script:Torrents 'set.torrent') -Destination $file } | Should -Throw -ErrorId "DestinationIsFile,$script:Id"
        (Get-TorrentEngine).TorrentCount | Should -Be 0
    }
}
