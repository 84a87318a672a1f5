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
        $ps.Streams.Progress[-1].RecordType | Should -Be 'Completed'
        $ps.Dispose()
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
