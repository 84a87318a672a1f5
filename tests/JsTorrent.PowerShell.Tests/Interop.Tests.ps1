# Add-Torrent -Wait on the NATIVE preset against a real libtorrent seeder on 127.0.0.1
# (python3-libtorrent, started through the interop tests' lt_peer.py: no DHT, LSD, UPnP or uTP).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Get-Module -Name JsTorrent | Remove-Module -Force
    Import-Module (Get-TestModulePath) -Force -ErrorAction Stop
    $script:ltPeer = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../JsTorrent.Interop.Tests/Scripts/lt_peer.py')).ProviderPath
}

Describe 'Add-Torrent against libtorrent (native preset, loopback)' -Tag 'Interop' {
    BeforeAll {
        Stop-TorrentEngine
        $script:work = New-TestFolder
        $script:files = @{ 'lt-share/a.bin' = 3MB + 12345; 'lt-share/sub/b.bin' = 700KB; 'lt-share/empty.txt' = 0 }
        $null = New-TestContent -Folder (Join-Path $work 'seed') -Files $files -Seed 7
        $script:torrentFile = Join-Path $work 'lt-share.torrent'
        $null = New-Torrent -Path (Join-Path $work 'seed/lt-share') -Destination $torrentFile -PieceSize 64KB

        $start = [System.Diagnostics.ProcessStartInfo]::new('/usr/bin/python3')
        foreach ($argument in @($ltPeer, '--torrent', $torrentFile, '--save', (Join-Path $work 'seed'), '--timeout', '300')) {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $script:seeder = [System.Diagnostics.Process]::Start($start)
        $script:seederErrors = $seeder.StandardError.ReadToEndAsync()
        # lt_peer prints {"event": "listening", "port": N} first; a bounded wait for that line.
        $line = $seeder.StandardOutput.ReadLineAsync()
        if (-not $line.Wait([TimeSpan]::FromSeconds(30)) -or -not $line.Result) {
            throw "lt_peer.py did not start listening: $(if ($seederErrors.Wait(1000)) { $seederErrors.Result })"
        }
        $script:seederPort = ($line.Result | ConvertFrom-Json).port

        $script:downloads = Join-Path $work 'downloads'
        $null = Start-TorrentEngine -DownloadPath $downloads -NoSession -ListenAddress 127.0.0.1 -Port 0
    }

    AfterAll {
        Stop-TorrentEngine
        if ($script:seeder) {
            # Closing stdin is lt_peer's signal to stop.
            $seeder.StandardInput.Close()
            if (-not $seeder.WaitForExit(15000)) { $seeder.Kill() }
            $seeder.Dispose()
        }
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
    }

    It 'downloads every file byte for byte from libtorrent' {
        $torrent = Add-Torrent -LiteralPath $torrentFile -Peer "127.0.0.1:$seederPort" -Wait -Timeout 120 -ErrorAction Stop

        $torrent.State | Should -Be 'Seeding'
        $torrent.PercentComplete | Should -Be 100
        $torrent.Path | Should -Be (Join-Path $downloads 'lt-share')
        foreach ($relative in $files.Keys) {
            $native = $relative -replace '/', [System.IO.Path]::DirectorySeparatorChar
            (Get-FileHash -LiteralPath (Join-Path $downloads $native)).Hash |
                Should -Be (Get-FileHash -LiteralPath (Join-Path (Join-Path $work 'seed') $native)).Hash -Because $relative
        }
    }
}
