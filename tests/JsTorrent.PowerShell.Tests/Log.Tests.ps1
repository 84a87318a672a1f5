# Pester 5 tests of Get-TorrentLog: its filters over the engine's ring buffer, and -Wait following new entries in another
# runspace until it is stopped. Entries are written through the engine log's .NET API, so their content is known.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # Loads JsTorrent.Adapters (the type of -MemoryNetwork), so Start-TestEngine can name MemoryNetwork in a fresh process.
    $null = (Get-Command Start-TorrentEngine).Parameters['MemoryNetwork'].ParameterType
    $script:Net = Start-TestEngine
    $script:Log = (Get-TorrentEngine).GetBtEngine().Log
    $script:Hash = 'aabbccddeeff00112233445566778899aabbccdd'
    $script:OtherHash = '00112233445566778899aabbccddeeff00112233'

    $plain = $script:Log.CreateLogger('pester')
    $torrent = $script:Log.CreateLogger('pester-torrent', $script:Hash)
    $other = $script:Log.CreateLogger('pester-torrent', $script:OtherHash)
    $plain.Info('p1 info')
    $plain.Warning('p2 warning')
    $torrent.Info('t1 info')
    $other.Info('o1 info')
    $plain.Error('p3 error')
    $torrent.Warning('t2 warning')
    $plain.Info('p4 info')

    # A PSDataCollection that a running pipeline writes to blocks its enumerator until the pipeline ends: read by index.
    function Get-Collected($Collection) { for ($i = 0; $i -lt $Collection.Count; $i++) { $Collection[$i] } }
}

AfterAll {
    Stop-TorrentEngine
}

Describe 'Get-TorrentLog' {
    It 'outputs the engine''s entries as JsTorrent.LogEntry, oldest first' {
        $entries = @(Get-TorrentLog)
        $entries.Count | Should -BeGreaterOrEqual 7
        $entries[0] | Should -BeOfType ([JsTorrent.LogEntry])
        $ids = $entries.Id
        ($ids | Sort-Object) | Should -Be $ids
        ($entries | Where-Object Message -eq 'p2 warning').Level | Should -Be 'Warning'
    }

    It 'filters by component, with wildcards and in any case' {
        @(Get-TorrentLog -Component pester).Message | Should -Be @('p1 info', 'p2 warning', 'p3 error', 'p4 info')
        @(Get-TorrentLog -Component 'PESTER-*').Message | Should -Be @('t1 info', 'o1 info', 't2 warning')
        @(Get-TorrentLog -Component 'pester*').Count | Should -Be 7
        @(Get-TorrentLog -Component nothing-logs-this).Count | Should -Be 0
    }

    It 'filters by minimum level' {
        @(Get-TorrentLog -Component 'pester*' -Level Warning).Message | Should -Be @('p2 warning', 'p3 error', 't2 warning')
        @(Get-TorrentLog -Component 'pester*' -Level Error).Message | Should -Be @('p3 error')
    }

    It 'filters by info-hash, from the pipeline by property name and in any case' {
        @(Get-TorrentLog -InfoHash $script:Hash).Message | Should -Be @('t1 info', 't2 warning')
        @([pscustomobject]@{ InfoHash = $script:Hash.ToUpperInvariant() } | Get-TorrentLog).Message | Should -Be @('t1 info', 't2 warning')
        @([pscustomobject]@{ InfoHash = $script:Hash }, [pscustomobject]@{ InfoHash = $script:OtherHash } | Get-TorrentLog -Level Information).Message |
            Should -Be @('t1 info', 'o1 info', 't2 warning')
        @(Get-TorrentLog -InfoHash $script:Hash -Level Warning).Message | Should -Be @('t2 warning')
    }

    It 'reports an invalid info-hash and outputs nothing for it' {
        $entries = @(Get-TorrentLog -InfoHash 'not-a-hash' -ErrorVariable err -ErrorAction SilentlyContinue)
        $entries.Count | Should -Be 0
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidInfoHash,JsTorrent.PowerShell.Commands.Log.GetTorrentLogCommand'
    }

    It 'keeps the newest N matching entries with -Last' {
        @(Get-TorrentLog -Component pester -Last 2).Message | Should -Be @('p3 error', 'p4 info')
        @(Get-TorrentLog -Component 'pester*' -Level Warning -Last 1).Message | Should -Be @('t2 warning')
        @(Get-TorrentLog -Component pester -Last 100).Count | Should -Be 4
    }

    It 'keeps the entries logged at or after -Since' {
        $all = @(Get-TorrentLog -Component 'pester*')
        @(Get-TorrentLog -Component 'pester*' -Since ([datetime]::Now.AddMinutes(5))).Count | Should -Be 0
        @(Get-TorrentLog -Component 'pester*' -Since ([datetime]::Now.AddHours(-1))).Count | Should -Be 7
        $since = $all[3].Time
        $kept = @(Get-TorrentLog -Component 'pester*' -Since $since)
        $kept.Id | Should -Be @($all | Where-Object Time -ge $since).Id
        $kept.Id | Should -Contain $all[3].Id
        ($kept.Time | Where-Object { $_ -lt $since }) | Should -BeNullOrEmpty
    }

    It 'completes component names with Tab' {
        $line = 'Get-TorrentLog -Component pes'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'pester'
        $completion.CompletionMatches.CompletionText | Should -Contain 'pester-torrent'
        $completion.CompletionMatches.CompletionText | Should -Not -Contain 'engine'
    }

    It 'follows new entries with -Wait until the pipeline is stopped' {
        $network = [JsTorrent.Adapters.Memory.MemoryNetwork]::new()
        $box = [hashtable]::Synchronized(@{})
        $follower = [powershell]::Create()
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        try {
            $null = $follower.AddScript({
                    param($Module, $Network, $Box)
                    Import-Module $Module
                    $null = Start-TorrentEngine -Preset Memory -MemoryNetwork $Network
                    $Box.Log = (Get-TorrentEngine).GetBtEngine().Log
                    Get-TorrentLog -Component 'follow*' -Wait
                }).AddArgument((Get-TestModulePath)).AddArgument($network).AddArgument($box)
            $handle = $follower.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)

            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not $box.Log) {
                if ([DateTime]::UtcNow -gt $deadline -or $handle.IsCompleted) { throw "The follower did not start: $(Get-Collected $follower.Streams.Error)" }
                Start-Sleep -Milliseconds 20
            }
            $logger = $box.Log.CreateLogger('follow')
            $logger.Info('before or during the start of -Wait')
            $box.Log.CreateLogger('elsewhere').Info('not followed')

            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            foreach ($message in 'first new entry', 'second new entry') {
                $logger.Warning($message)
                while (@(Get-Collected $output | Where-Object Message -eq $message).Count -eq 0) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw "'$message' did not arrive: $(@((Get-Collected $output).Message) -join '; ')" }
                    Start-Sleep -Milliseconds 20
                }
            }

            $handle.IsCompleted | Should -BeFalse
            $stop = $follower.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10)) | Should -BeTrue -Because 'Stop() ends -Wait promptly'
            $follower.InvocationStateInfo.State | Should -Be 'Stopped'

            $messages = @((Get-Collected $output).Message)
            $messages | Should -Be @('before or during the start of -Wait', 'first new entry', 'second new entry')
            $output[1] | Should -BeOfType ([JsTorrent.LogEntry])
            $output[1].Level | Should -Be 'Warning'
            $follower.Streams.Error.Count | Should -Be 0
        }
        finally {
            $follower.Runspace.Close()
            $follower.Dispose()
        }
    }
}
