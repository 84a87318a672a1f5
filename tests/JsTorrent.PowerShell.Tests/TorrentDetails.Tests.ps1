# Pester 5 tests of Get-TorrentFile, Set-TorrentFile, Get-TorrentPeer and the torrent name/info-hash completion, over the memory preset.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:work = New-TestFolder
    $null = New-TestContent -Folder (Join-Path $work 'content') -Files @{ 'album/one.bin' = 30000; 'album/sub/two.bin' = 20000; 'album/three.txt' = 10000; 'movie.bin' = 400000 }
    foreach ($name in 'album', 'movie.bin') {
        $null = New-Torrent -Path (Join-Path $work "content/$name") -Destination (Join-Path $work "$name.torrent") -PieceSize 16KB
    }

    function Add-TestTorrent([string] $Name) {
        # Add-Torrent belongs to another change: add through the .NET API, then take Get-Torrent's object.
        $bt = (Get-TorrentEngine).GetBtEngine()
        $bytes = [IO.File]::ReadAllBytes((Join-Path $script:work "$Name.torrent"))
        $t = Wait-TestTask ($bt.AddTorrentAsync($bytes, $null, [Threading.CancellationToken]::None))
        Get-Torrent -InfoHash $t.InfoHash.ToString()
    }

    $script:net = Start-TestEngine
    $script:album = Add-TestTorrent 'album'
    $script:movie = Add-TestTorrent 'movie.bin'
    Get-Torrent | Suspend-Torrent
}

AfterAll {
    Stop-TorrentEngine
    Remove-Item -LiteralPath $script:work -Recurse -Force
}

Describe 'Get-TorrentFile' {
    It 'lists the files of a torrent with their index, path and size' {
        $files = Get-TorrentFile -Name 'album'
        $files | Should -BeOfType ([JsTorrent.TorrentFile])
        $files.Path | Should -Be @('album/one.bin', 'album/sub/two.bin', 'album/three.txt')
        $files.Index | Should -Be @(0, 1, 2)
        $files.Size | Should -Be @(30000, 20000, 10000)
        $files.InfoHash | Select-Object -Unique | Should -Be $album.InfoHash
        $files.Priority | Select-Object -Unique | Should -Be 'Normal'
        $files[0].FullPath | Should -BeLike '*album/one.bin'
    }

    It 'lists every torrent''s files when none is named, and takes torrents from the pipeline' {
        (Get-TorrentFile).Path | Should -Be @('album/one.bin', 'album/sub/two.bin', 'album/three.txt', 'movie.bin')
        (Get-Torrent -Name 'movie.bin' | Get-TorrentFile).Path | Should -Be 'movie.bin'
        ([pscustomobject]@{ InfoHash = $album.InfoHash.ToUpperInvariant() } | Get-TorrentFile).Count | Should -Be 3
    }

    It 'filters by path with wildcards, on the full path or the path inside the torrent' {
        (Get-TorrentFile -Path '*.bin').Path | Should -Be @('album/one.bin', 'album/sub/two.bin', 'movie.bin')
        (Get-TorrentFile -Name 'album' -Path 'sub/*').Path | Should -Be 'album/sub/two.bin'
        (Get-TorrentFile -Path 'ALBUM/THREE.TXT').Index | Should -Be 2
    }

    It 'reports an exact path that no torrent has, and an unknown torrent' {
        $found = Get-TorrentFile -Path 'album/one.bin', 'album/none.bin' -ErrorVariable err -ErrorAction SilentlyContinue
        $found.Path | Should -Be 'album/one.bin'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'TorrentFileNotFound,JsTorrent.PowerShell.Commands.Torrents.GetTorrentFileCommand'
        { Get-TorrentFile -Name 'nosuch' -ErrorAction Stop } | Should -Throw -ErrorId 'TorrentNotFound,JsTorrent.PowerShell.Commands.Torrents.GetTorrentFileCommand'
    }
}

Describe 'Set-TorrentFile' {
    AfterEach {
        Set-TorrentFile -Name 'album' -Priority Normal
    }

    It 'skips a file chosen by path and passes it through' {
        $out = Set-TorrentFile -Name 'album' -Path 'album/sub/two.bin' -Priority Skip -PassThru
        $out | Should -BeOfType ([JsTorrent.TorrentFile])
        $out.Path | Should -Be 'album/sub/two.bin'
        $out.Priority | Should -Be 'Skip'
        (Get-TorrentFile -Name 'album').Priority | Should -Be @('Normal', 'Skip', 'Normal')
        (Get-Torrent -Name 'album').Size | Should -BeLessThan (Get-Torrent -Name 'album').TotalSize
    }

    It 'takes files piped from Get-TorrentFile (InfoHash and Index by property name)' {
        $out = Get-TorrentFile -Path '*.txt', '*one*' | Set-TorrentFile -Priority High -PassThru
        $out.Path | Should -Be @('album/one.bin', 'album/three.txt')
        (Get-TorrentFile -Name 'album').Priority | Should -Be @('High', 'Normal', 'High')
    }

    It 'chooses by index for torrents from the pipeline' {
        Get-Torrent -Name 'album' | Set-TorrentFile -Index 0, 2 -Priority Low
        (Get-TorrentFile -Name 'album').Priority | Should -Be @('Low', 'Normal', 'Low')
    }

    It 'changes nothing with -WhatIf' {
        Set-TorrentFile -Name 'album' -Path '*' -Priority Skip -WhatIf
        (Get-TorrentFile -Name 'album').Priority | Select-Object -Unique | Should -Be 'Normal'
    }

    It 'reports an index or a path the torrent does not have' {
        { Set-TorrentFile -Name 'album' -Index 9 -Priority Skip -ErrorAction Stop } | Should -Throw -ErrorId 'FileIndexOutOfRange,JsTorrent.PowerShell.Commands.Torrents.SetTorrentFileCommand'
        { Set-TorrentFile -Name 'album' -Path 'nope.bin' -Priority Skip -ErrorAction Stop } | Should -Throw -ErrorId 'TorrentFileNotFound,JsTorrent.PowerShell.Commands.Torrents.SetTorrentFileCommand'
        { Set-TorrentFile -InfoHash 'bad' -Priority Skip -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInfoHash,JsTorrent.PowerShell.Commands.Torrents.SetTorrentFileCommand'
        (Get-TorrentFile -Name 'album').Priority | Select-Object -Unique | Should -Be 'Normal'
    }
}

Describe 'Get-TorrentPeer' {
    It 'shows the seeder a torrent is connected to' {
        # A slow seeder, so the download (and the connection) is still going when the peers are read.
        $seeder = New-TestSeeder -Network $net -TorrentPath (Join-Path $work 'movie.bin.torrent') -ContentParent (Join-Path $work 'content') -UploadRateLimit 32KB
        try {
            Resume-Torrent -Name 'movie.bin'
            $null = Wait-TestTask ($movie.GetEngineTorrent().AddPeerAsync($seeder.Address, $seeder.Port))
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not ($peers = @(Get-TorrentPeer -Name 'movie.bin'))) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'No peer connected within 30 s.' }
                Start-Sleep -Milliseconds 20
            }

            $peers.Count | Should -Be 1
            $peers[0] | Should -BeOfType ([JsTorrent.TorrentPeer])
            $peers[0].Address | Should -Be $seeder.Address
            $peers[0].Port | Should -Be $seeder.Port
            $peers[0].Direction | Should -Be 'Outgoing'
            $peers[0].InfoHash | Should -Be $movie.InfoHash
            $peers[0].TorrentName | Should -Be 'movie.bin'
            (Get-TorrentPeer).Address | Should -Contain $seeder.Address
            (Get-Torrent -Name 'movie.bin' | Get-TorrentPeer).Address | Should -Be $seeder.Address
            Get-TorrentPeer -Name 'album' | Should -BeNullOrEmpty
        }
        finally {
            Suspend-Torrent -Name 'movie.bin'
            $seeder | Remove-TestSeeder
        }
    }
}

Describe 'Completion of torrent names and info-hashes' {
    It 'completes a torrent name' {
        $line = 'Suspend-Torrent -Name mov'
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Be 'movie.bin'
    }

    It 'completes an info-hash prefix' {
        $prefix = $album.InfoHash.Substring(0, 6)
        $line = "Get-Torrent -InfoHash $prefix"
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Contain $album.InfoHash
        $completions.CompletionMatches.CompletionText | Should -Not -Contain $movie.InfoHash
    }
}
