# The module's format views (module/*.Format.ps1xml): a table view for every public object type,
# human-readable units while the properties stay numbers, and the same views for objects read back
# by Import-Clixml (Deserialized.JsTorrent.*).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath)
    $script:net = Start-TestEngine
    $script:work = New-TestFolder
    $null = New-TestContent -Folder $work -Files @{ 'share/a.bin' = 3MB + 5; 'share/b.txt' = 1000 }
    $script:torrentFile = Join-Path $work 'share.torrent'
    $null = New-Torrent -Path (Join-Path $work 'share') -Destination $torrentFile -PieceSize 64KB
    $bytes = [System.IO.File]::ReadAllBytes($torrentFile)
    $script:engineTorrent = Wait-TestTask ((Get-TorrentEngine).GetBtEngine().AddTorrentAsync($bytes, $null, [System.Threading.CancellationToken]::None))
    # No peer: once checked (nothing on the memory disk) it waits, and its figures stay put.
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($engineTorrent.State -ne [JsTorrent.Engine.Core.TorrentState]::Downloading) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "The torrent did not reach Downloading (state $($engineTorrent.State))." }
        Start-Sleep -Milliseconds 20
    }

    function Get-FormatTestTorrent {
        <# The runspace engine's torrents as pipeline objects: Get-Torrent once the module has it. #>
        if (Get-Command -Name Get-Torrent -Module JsTorrent -ErrorAction Ignore) { return Get-Torrent }
        $engine = Get-TorrentEngine
        $running = [JsTorrent.TorrentEngine].GetField('_engine', [System.Reflection.BindingFlags]'NonPublic,Instance').GetValue($engine)
        foreach ($torrent in $engine.GetBtEngine().Torrents) { $running.GetType().GetMethod('Wrap').Invoke($running, @($torrent)) }
    }

    function New-ModuleObject {
        <# A pipeline object through its internal constructor, as the cmdlets make them. #>
        param([type] $Type, [object[]] $Arguments)
        $constructor = $Type.GetConstructors([System.Reflection.BindingFlags]'NonPublic,Instance') |
            Where-Object { $_.GetParameters().Count -eq $Arguments.Count } | Select-Object -First 1
        $constructor.Invoke([object[]] @($Arguments | ForEach-Object { if ($null -ne $_) { $_.PSObject.BaseObject } }))
    }

    function Get-ViewControl([string] $TypeName) {
        @((Get-FormatData -TypeName $TypeName -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition |
                ForEach-Object { $_.Control.GetType().Name })
    }
}

AfterAll {
    Stop-TorrentEngine
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}

Describe 'Format views of the module''s objects' {
    It 'gives every public object type a table view, also for its deserialized form' {
        $assembly = [JsTorrent.Torrent].Assembly
        $types = @($assembly.GetExportedTypes() | Where-Object {
                $_.Namespace -eq 'JsTorrent' -and $_.IsClass -and -not ($_.IsAbstract -and $_.IsSealed)
            })
        $types.Name | Should -Contain 'Torrent'
        $types.Name | Should -Contain 'TorrentEngine'
        $missing = foreach ($type in $types) {
            foreach ($name in $type.FullName, "Deserialized.$($type.FullName)") {
                if ((Get-ViewControl $name) -notcontains 'TableControl') { $name }
            }
        }
        $missing | Should -BeNullOrEmpty
    }

    It 'lists every format file of the module folder in FormatsToProcess' {
        $module = Get-Module -Name JsTorrent
        $files = @(Get-ChildItem -LiteralPath $module.ModuleBase -Filter '*.Format.ps1xml' -File).Name
        $listed = @((Import-PowerShellDataFile -LiteralPath (Join-Path $module.ModuleBase 'JsTorrent.psd1')).FormatsToProcess)
        $files.Count | Should -BeGreaterThan 1
        $listed | Sort-Object | Should -Be ($files | Sort-Object)
    }
}

Describe 'JsTorrent.Torrent views' {
    BeforeAll {
        $script:torrent = Get-FormatTestTorrent | Select-Object -First 1
    }

    It 'shows the table with readable sizes, rates, percent and peers(seeds)' {
        $lines = @(($torrent | Format-Table | Out-String -Width 160) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Name\s+State\s+%\s+Size\s+Down\s+Up\s+Peers\s+ETA\s*$'
        $lines[2] | Should -Match '^share\s+Downloading\s+0[.,]0\s+3[.,]0 MiB\s+0 B/s\s+0 B/s\s+0 \(0\)\s*$'
    }

    It 'keeps the properties numbers' {
        $torrent.Size | Should -BeOfType ([long])
        $torrent.Size | Should -Be (3MB + 5 + 1000)
        $torrent.PercentComplete | Should -BeOfType ([double])
        $torrent.DownloadRate | Should -BeOfType ([long])
        $torrent.Eta | Should -BeNullOrEmpty -Because 'no peer: the time left is unknown'
    }

    It 'shows everything readable in Format-List' {
        $text = $torrent | Format-List | Out-String -Width 200
        $text | Should -Match "InfoHash\s+: $($torrent.InfoHash)"
        $text | Should -Match 'PercentComplete\s+: 0[.,]0 %'
        $text | Should -Match 'Size\s+: 3[.,]0 MiB'
        $text | Should -Match 'BytesCompleted\s+: 0 B'
        $text | Should -Match 'Pieces\s+: 0 of 49 verified'
        $text | Should -Match 'DownloadRate\s+: 0 B/s'
        $text | Should -Match 'Peers\s+: 0 connected, 0 seeds, 0 known'
        $text | Should -Match 'StorageRoot\s+: downloads'
        $text | Should -Match 'Path\s+: memory:/downloads/share'
        $text | Should -Match 'Error\s+:'
    }

    It 'survives Export-Clixml and Import-Clixml with its numbers and its views' {
        $file = Join-Path $work 'torrent.clixml'
        $torrent | Export-Clixml -LiteralPath $file
        $copy = Import-Clixml -LiteralPath $file

        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.JsTorrent.Torrent'
        $copy.Name | Should -Be 'share'
        $copy.InfoHash | Should -Be $torrent.InfoHash
        # An enum comes back as its number with its name as ToString (what the views show).
        $copy.State.ToString() | Should -Be 'Downloading'
        [int] $copy.State | Should -Be ([int] [JsTorrent.Engine.Core.TorrentState]::Downloading)
        $copy.PercentComplete | Should -BeOfType ([double])
        $copy.Size | Should -BeOfType ([long])
        $copy.Size | Should -Be $torrent.Size

        ($copy | Format-Table | Out-String -Width 160) | Should -Be ($torrent | Format-Table | Out-String -Width 160)
        ($copy | Format-List | Out-String -Width 200) | Should -Be ($torrent | Format-List | Out-String -Width 200)
    }
}

Describe 'Views of files, peers, storage roots, log entries and the engine' {
    BeforeAll {
        $script:torrent = Get-FormatTestTorrent | Select-Object -First 1
    }

    It 'shows a TorrentFile as Index, Priority, %, Size, Path' {
        $status = [JsTorrent.Engine.Core.TorrentFileStatus]::new(0, 'share/a.bin', 3MB + 5, 'High', 1MB)
        $file = New-ModuleObject ([JsTorrent.TorrentFile]) @($torrent, $status, '/x/share/a.bin')
        $lines = @(($file | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Index\s+Priority\s+%\s+Size\s+Path\s*$'
        $lines[2] | Should -Match '^\s+0\s+High\s+33[.,]3\s+3[.,]0 MiB\s+share/a\.bin\s*$'
        ($file | Format-List | Out-String) | Should -Match 'BytesCompleted\s+: 1[.,]0 MiB'
    }

    It 'shows a TorrentPeer as Address, Port, Client, Direction, %, Down, Up' {
        $status = [JsTorrent.Engine.Core.PeerStatus]::new('10.0.0.9', 51413, 'TR', $false, $true, $true, $false, $true, 5MB, 1MB, 2MB, 100KB, 0.5)
        $peer = New-ModuleObject ([JsTorrent.TorrentPeer]) @($torrent, $status)
        $lines = @(($peer | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Address\s+Port\s+Client\s+Direction\s+%\s+Down\s+Up\s*$'
        $lines[2] | Should -Match '^10\.0\.0\.9\s+51413\s+TR\s+Outgoing\s+50[.,]0\s+2[.,]0 MiB/s\s+100[.,]0 KiB/s\s*$'
        ($peer | Format-List | Out-String) | Should -Match 'Downloaded\s+: 5[.,]0 MiB'
    }

    It 'shows StorageRoots with a marker on the default one' {
        $roots = @(
            New-ModuleObject ([JsTorrent.StorageRoot]) @('0123456789abcdef', 'Downloads', '/home/ana/Downloads', $true, 3)
            New-ModuleObject ([JsTorrent.StorageRoot]) @('fedcba9876543210', 'nas', '/mnt/nas', $false, 0)
        )
        $lines = @(($roots | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Label\s+Default\s+Torrents\s+Path\s+Token\s*$'
        $lines[2] | Should -Match '^Downloads\s+\*\s+3\s+/home/ana/Downloads\s+0123456789abcdef\s*$'
        $lines[3] | Should -Match '^nas\s+0\s+/mnt/nas\s+fedcba9876543210\s*$'
    }

    It 'shows LogEntries with the time to the millisecond and wraps long messages' {
        $message = 'Connecting to the peer failed because ' + (@(1..12 | ForEach-Object { "word$_" }) -join ' ') + ' final-word'
        $time = [DateTimeOffset]::new(2026, 1, 2, 3, 4, 5, 678, [TimeSpan]::Zero)
        $entry = [JsTorrent.Engine.Logging.LogEntry]::new(7, $time, 'Warning', 'Peer', $null, $message, $null)
        $log = New-ModuleObject ([JsTorrent.LogEntry]) @(, $entry)
        $text = $log | Out-String -Width 80
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Time\s+Level\s+Component\s+Message\s*$'
        $lines[2] | Should -Match ('^' + [regex]::Escape($time.LocalDateTime.ToString('HH:mm:ss.fff')) + '\s+Warning\s+Peer\s+Connecting')
        $lines.Count | Should -BeGreaterThan 3 -Because 'the message is longer than its column and wraps'
        $text | Should -Match 'final-word'
        $text | Should -Not -Match '…'
    }

    It 'shows the engine as a list with readable totals, rates and limits, and as a table' {
        Set-TorrentEngine -UploadRateLimit 512KB
        try {
            $engine = Get-TorrentEngine
            $text = $engine | Out-String -Width 200
            $text | Should -Match 'Preset\s+: Memory'
            $text | Should -Match 'ListenPort\s+: 6881'
            $text | Should -Match 'SessionPath\s+: \(in memory\)'
            $text | Should -Match 'DownloadPath\s+: memory:/downloads'
            $text | Should -Match 'TorrentCount\s+: 1'
            $text | Should -Match 'Downloaded\s+: 0 B'
            $text | Should -Match 'DownloadRate\s+: 0 B/s'
            $text | Should -Match 'DownloadRateLimit\s+: Unlimited'
            $text | Should -Match 'UploadRateLimit\s+: 512[.,]0 KiB/s'
            $text | Should -Match 'MaxConnectionsPerTorrent\s+: 20'

            $lines = @(($engine | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() })
            $lines[0] | Should -Match '^Preset\s+Running\s+Port\s+Torrents\s+Down\s+Up\s+Session\s*$'
            $lines[2] | Should -Match '^Memory\s+True\s+6881\s+1\s+0 B/s\s+0 B/s\s+\(in memory\)\s*$'
            $engine.UploadRateLimit | Should -BeOfType ([long])
        }
        finally {
            Set-TorrentEngine -UploadRateLimit 0
        }
    }
}
