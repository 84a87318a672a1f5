# Pester 5 tests of Add-Torrent over the memory preset: .NET seeders on the memory network serve the content.
# (http(s) -Uri sources: AddTorrentUri.Tests.ps1; content already on disk: AddTorrentExisting.Tests.ps1.)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # The adapters load lazily with the first engine; the helpers name their types before that.
    Add-Type -LiteralPath (Join-Path (Split-Path -Parent (Get-TestModulePath)) 'JsTorrent.Adapters.dll')

    $script:Id = 'JsTorrent.PowerShell.Commands.Torrents.AddTorrentCommand'
    $script:Source = New-TestFolder
    $null = New-TestContent -Folder $script:Source -Files @{ 'set/a.bin' = 100000; 'set/sub/b.bin' = 50000; 'set/c.iso' = 30000; 'one.bin' = 70000 }
    $script:Torrents = Join-Path $script:Source 'torrents'
    $null = New-Item -ItemType Directory -Path $script:Torrents
    # Aligned files share no piece, so a skipped file is never written at all.
    $script:SetInfo = New-Torrent -Path (Join-Path $script:Source 'set') -Destination (Join-Path $script:Torrents 'set.torrent') -PieceSize 16KB -AlignFiles
    $script:OneInfo = New-Torrent -Path (Join-Path $script:Source 'one.bin') -Destination (Join-Path $script:Torrents 'one.torrent') -PieceSize 16KB

    function Start-Seeder([string] $Name) {
        $seeder = New-TestSeeder -Network $script:Network -TorrentPath (Join-Path $script:Torrents "$Name.torrent") -ContentParent $script:Source
        $script:Seeders.Add($seeder)
        $seeder
    }

    function Assert-SameContent($Torrent, [string] $RelativePath) {
        $expected = [System.IO.File]::ReadAllBytes((Join-Path $script:Source $RelativePath))
        Get-TestHash (Read-TestTorrentFile $Torrent $RelativePath) | Should -Be (Get-TestHash $expected) -Because "$RelativePath arrives byte for byte"
    }

    function Get-EngineTorrentCount { (Get-TorrentEngine).TorrentCount }
}

AfterAll {
    Stop-TorrentEngine
    Remove-Item -LiteralPath $script:Source -Recurse -Force
}

Describe 'Add-Torrent' {
    BeforeEach {
        $script:Network = Start-TestEngine
        $script:Seeders = [System.Collections.Generic.List[object]]::new()
    }

    AfterEach {
        $script:Seeders | Remove-TestSeeder
    }

    Context 'Downloads' {
        It 'downloads a multi-file torrent with -Wait -Peer, byte for byte' {
            $seeder = Start-Seeder 'set'
            $torrent = Add-Torrent -Path (Join-Path $script:Torrents 'set.torrent') -Peer $seeder.Peer -Wait -Timeout 60
            $torrent | Should -BeOfType ([JsTorrent.Torrent])
            $torrent.State | Should -Be 'Seeding'
            $torrent.PercentComplete | Should -Be 100
            $torrent.Downloaded | Should -BeGreaterOrEqual 180000
            $torrent.Path | Should -Be 'memory:/downloads/set'
            foreach ($file in 'set/a.bin', 'set/sub/b.bin', 'set/c.iso') { Assert-SameContent $torrent $file }
        }

        It 'fetches a magnet''s metadata and content from -Peer (magnet given as -Path and as -Uri)' {
            $seeder = Start-Seeder 'set'
            $magnet = "magnet:?xt=urn:btih:$($script:SetInfo.InfoHash)&dn=from-magnet"
            $torrent = Add-Torrent $magnet -Peer $seeder.Peer -Wait -Timeout 60
            $torrent.HasMetadata | Should -BeTrue
            $torrent.Name | Should -Be 'set'
            $torrent.MagnetUri | Should -BeLike "magnet:?xt=urn:btih:$($script:SetInfo.InfoHash)*"
            Assert-SameContent $torrent 'set/sub/b.bin'

            $again = Add-Torrent -Uri $magnet -WarningAction SilentlyContinue
            $again | Should -Be $torrent
        }

        It 'lands the content at destination/name/... with -Destination, and reuses that root' {
            $set = Start-Seeder 'set'
            $one = Start-Seeder 'one'
            $multi = Add-Torrent (Join-Path $script:Torrents 'set.torrent') -Destination 'media' -Peer $set.Peer -Wait -Timeout 60
            $single = Add-Torrent (Join-Path $script:Torrents 'one.torrent') -Destination 'media' -Peer $one.Peer -Wait -Timeout 60
            $multi.Path | Should -Be 'memory:/media/set'
            $single.Path | Should -Be 'memory:/media/one.bin'
            $multi.StorageRoot | Should -Be 'media'
            Assert-SameContent $multi 'set/sub/b.bin'
            Assert-SameContent $single 'one.bin'
            @((Get-TorrentEngine).GetBtEngine().StorageRoots | Where-Object Path -EQ 'memory:/media').Count | Should -Be 1
        }

        It 'skips the files -Exclude names and downloads only what -Include names' {
            $seeder = Start-Seeder 'set'
            $torrent = Add-Torrent (Join-Path $script:Torrents 'set.torrent') -Exclude 'sub/*' -Peer $seeder.Peer -Wait -Timeout 60
            $files = Wait-TestTask ($torrent.GetEngineTorrent().GetFilesAsync())
            ($files | Where-Object Path -EQ 'set/sub/b.bin').Priority | Should -Be 'Skip'
            ($files | Where-Object Priority -EQ 'Normal').Path | Sort-Object | Should -Be @('set/a.bin', 'set/c.iso')
            $fileSystem = $torrent.GetEngineTorrent().FileSystem
            Wait-TestTask ($fileSystem.ExistsAsync('set/sub/b.bin').AsTask()) | Should -BeFalse -Because 'a skipped file is never written'
            Assert-SameContent $torrent 'set/a.bin'
            $torrent.Size | Should -BeLessThan $torrent.TotalSize
        }

        It 'applies -Include to a magnet when its metadata arrives' {
            $seeder = Start-Seeder 'set'
            $torrent = Add-Torrent "magnet:?xt=urn:btih:$($script:SetInfo.InfoHash)" -Include '*.iso' -Peer $seeder.Peer -Wait -Timeout 60
            $fileSystem = $torrent.GetEngineTorrent().FileSystem
            Assert-SameContent $torrent 'set/c.iso'
            Wait-TestTask ($fileSystem.ExistsAsync('set/a.bin').AsTask()) | Should -BeFalse
            Wait-TestTask ($fileSystem.ExistsAsync('set/sub/b.bin').AsTask()) | Should -BeFalse
        }
    }

    Context 'Sources' {
        It 'adds every .torrent piped from Get-ChildItem' {
            $added = Get-ChildItem -LiteralPath $script:Torrents -Filter *.torrent | Add-Torrent -Suspended
            $added.Name | Sort-Object | Should -Be @('one.bin', 'set')
            Get-EngineTorrentCount | Should -Be 2
        }

        It 'adds torrents named by wildcards, piped strings and Get-TorrentInfo output' {
            @(Add-Torrent (Join-Path $script:Torrents '*.torrent') -Suspended).Count | Should -Be 2
            Stop-TorrentEngine; $script:Network = Start-TestEngine
            (Join-Path $script:Torrents 'one.torrent') | Add-Torrent -Suspended | ForEach-Object Name | Should -Be 'one.bin'
            Get-TorrentInfo (Join-Path $script:Torrents 'set.torrent') | Add-Torrent -Suspended | ForEach-Object Name | Should -Be 'set'
            $fromMagnet = Get-TorrentInfo "magnet:?xt=urn:btih:$('ab' * 20)&dn=piped" | Add-Torrent -Suspended
            $fromMagnet.Name | Should -Be 'piped'
            $fromMagnet.HasMetadata | Should -BeFalse
        }

        It 'takes -LiteralPath as it is (brackets included)' {
            $odd = Join-Path $script:Source 'one [copy].torrent'
            Copy-Item -LiteralPath (Join-Path $script:Torrents 'one.torrent') -Destination $odd
            try {
                $torrent = Add-Torrent -LiteralPath $odd -Suspended
                $torrent.InfoHash | Should -Be $script:OneInfo.InfoHash
            }
            finally { Remove-Item -LiteralPath $odd }
        }

        It 'reports a malformed file as InvalidTorrentFile and still adds the good ones' {
            $folder = New-TestFolder
            try {
                Copy-Item (Join-Path $script:Torrents '*.torrent') $folder
                Set-Content -LiteralPath (Join-Path $folder 'bad.torrent') -Value 'not bencode'
                $added = Get-ChildItem -LiteralPath $folder | Add-Torrent -Suspended -ErrorVariable err -ErrorAction SilentlyContinue
                @($added).Count | Should -Be 2
                $err.Count | Should -Be 1
                $err[0].FullyQualifiedErrorId | Should -Be "InvalidTorrentFile,$script:Id"
                $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
                $err[0].TargetObject | Should -BeLike '*bad.torrent'
            }
            finally { Remove-Item -LiteralPath $folder -Recurse -Force }
        }

        It 'gives each bad source its own error id' {
            Add-Torrent (Join-Path $script:Source 'missing.torrent') -ErrorVariable e1 -ErrorAction SilentlyContinue
            Add-Torrent 'magnet:?xt=urn:btih:nothex' -ErrorVariable e2 -ErrorAction SilentlyContinue
            Add-Torrent -LiteralPath $script:Source -ErrorVariable e3 -ErrorAction SilentlyContinue
            $e1[0].FullyQualifiedErrorId | Should -Be "PathNotFound,$script:Id"
            $e2[0].FullyQualifiedErrorId | Should -Be "InvalidMagnetLink,$script:Id"
            $e3[0].FullyQualifiedErrorId | Should -Be "PathIsFolder,$script:Id"
            Get-EngineTorrentCount | Should -Be 0
        }
    }

    Context 'Options' {
        It 'puts the content under the storage root named by its label' {
            $bt = (Get-TorrentEngine).GetBtEngine()
            Wait-TestTask ($bt.AddStorageRootAsync([JsTorrent.Adapters.Memory.MemoryStorageRoots]::Create('vault-data', 'Vault'), $false, [System.Threading.CancellationToken]::None))
            $torrent = Add-Torrent (Join-Path $script:Torrents 'one.torrent') -StorageRoot 'vault' -Suspended
            $torrent.StorageRoot | Should -Be 'Vault'
            $torrent.Path | Should -Be 'memory:/vault-data/one.bin'
        }

        It 'refuses an unknown storage root before adding anything' {
            { Add-Torrent (Join-Path $script:Torrents 'one.torrent') -StorageRoot 'nowhere' } | Should -Throw -ErrorId "StorageRootNotFound,$script:Id"
            Get-EngineTorrentCount | Should -Be 0
        }

        It 'keeps a -Suspended torrent stopped' {
            $seeder = Start-Seeder 'one'
            $torrent = Add-Torrent (Join-Path $script:Torrents 'one.torrent') -Suspended -Peer $seeder.Peer
            $torrent.State | Should -Be 'Stopped'
            $torrent.IsSuspended | Should -BeTrue
            # A bounded wait that must run out: in that time nothing connects and nothing arrives.
            $torrent | Wait-Torrent -Timeout 1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $torrent.State | Should -Be 'Stopped'
            $torrent.Downloaded | Should -Be 0
            $torrent.Peers | Should -Be 0
        }

        It 'warns about a duplicate and returns the torrent already there' {
            $first = Add-Torrent (Join-Path $script:Torrents 'set.torrent') -Suspended
            $second = Add-Torrent (Join-Path $script:Torrents 'set.torrent') -WarningVariable warned -WarningAction SilentlyContinue
            $fromMagnet = Add-Torrent $script:SetInfo.MagnetUri -WarningAction SilentlyContinue
            $second | Should -Be $first
            $fromMagnet | Should -Be $first
            $second.IsSuspended | Should -BeTrue -Because 'the torrent is returned unchanged'
            $warned.Count | Should -Be 1
            "$($warned[0])" | Should -BeLike "*already in the engine*"
            Get-EngineTorrentCount | Should -Be 1
        }

        It 'adds nothing with -WhatIf (and registers no -Destination root)' {
            Add-Torrent (Join-Path $script:Torrents '*.torrent') -Destination 'whatif-root' -WhatIf | Should -BeNullOrEmpty
            Get-EngineTorrentCount | Should -Be 0
            (Get-TorrentEngine).GetBtEngine().StorageRoots.Path | Should -Not -Contain 'memory:/whatif-root'
        }

        It 'refuses a malformed -Peer (<Peer>)' -ForEach @(
            @{ Peer = '10.0.0.1' }, @{ Peer = '10.0.0.1:0' }, @{ Peer = '::1:6881' }, @{ Peer = '[::1]' }, @{ Peer = '[10.0.0.1]:6881' }
        ) {
            { Add-Torrent (Join-Path $script:Torrents 'one.torrent') -Peer $Peer } | Should -Throw -ErrorId "InvalidPeerAddress,$script:Id"
            Get-EngineTorrentCount | Should -Be 0
        }

        It 'takes -Peer as host:port, address:port and [IPv6]:port' {
            $torrent = Add-Torrent (Join-Path $script:Torrents 'one.torrent') -Suspended -Peer 'peer.example:6881', '10.1.2.3:51413', '[fe80::1]:6881'
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ($torrent.KnownPeers -lt 3 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $torrent.KnownPeers | Should -Be 3
        }

        It 'refuses -Suspended with -Wait, and -StorageRoot with -Destination' {
            { Add-Torrent (Join-Path $script:Torrents 'one.torrent') -Suspended -Wait } | Should -Throw -ErrorId "SuspendedWithWait,$script:Id"
            { Add-Torrent (Join-Path $script:Torrents 'one.torrent') -StorageRoot downloads -Destination x } | Should -Throw -ErrorId "StorageRootAndDestination,$script:Id"
        }
    }

    Context 'Progress' {
        It 'draws a parent bar and one child bar per torrent, and completes each' {
            # Both seeders for both magnets: each torrent must find its own seeder among addresses that serve the other.
            $set = Start-Seeder 'set'
            $one = Start-Seeder 'one'
            $magnets = "magnet:?xt=urn:btih:$($script:SetInfo.InfoHash)&dn=set", "magnet:?xt=urn:btih:$($script:OneInfo.InfoHash)&dn=one.bin"
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                        param($Module, $Network, $Magnets, $Peers)
                        Import-Module $Module
                        $null = Start-TorrentEngine -Preset Memory -MemoryNetwork $Network
                        Add-Torrent -Uri $Magnets -Peer $Peers -Wait -Timeout 60
                    }).AddArgument((Get-TestModulePath)).AddArgument($script:Network).AddArgument($magnets).AddArgument(@($set.Peer, $one.Peer))
                $output = $ps.Invoke()
                $ps.Streams.Error | Should -BeNullOrEmpty
                $output.Name | Sort-Object | Should -Be @('one.bin', 'set')

                $progress = @($ps.Streams.Progress)
                $parent = @($progress | Where-Object ParentActivityId -EQ -1)
                $children = @($progress | Where-Object ParentActivityId -NE -1)
                $parent.Count | Should -BeGreaterThan 0
                @($parent.ActivityId | Sort-Object -Unique).Count | Should -Be 1
                $children.ParentActivityId | Sort-Object -Unique | Should -Be $parent[0].ActivityId
                @($children.ActivityId | Sort-Object -Unique).Count | Should -Be 2
                $children.Activity | Sort-Object -Unique | Should -Be @('one.bin', 'set')
                foreach ($id in @($children.ActivityId | Sort-Object -Unique) + $parent[0].ActivityId) {
                    $last = $progress | Where-Object ActivityId -EQ $id | Select-Object -Last 1
                    $last.RecordType | Should -Be 'Completed' -Because "bar $id is closed"
                }
                ($parent | Select-Object -Last 1).StatusDescription | Should -Be '2 of 2 complete'
            }
            finally { $ps.Dispose() }
        }
    }
}
