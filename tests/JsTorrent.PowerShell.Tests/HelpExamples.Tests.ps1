# Every example of the cmdlet help runs (help never rots): the first ```powershell block of each
# '### Example' in docs/<Cmdlet>.md runs in a fresh runspace of its own, on the Memory preset, in the sandbox
# of the docs contract: the current folder holds share/ + share.torrent, single.iso + single.iso.torrent,
# torrents/one.torrent (one.bin) + two.torrent (two/data.bin, two/notes.txt) and an empty downloads/; a seeder on the memory network seeds all four;
# Start-TorrentEngine defaults to -Preset Memory on that network with ./session.db, Add-Torrent to
# -Peer <seeder>; an engine is already running unless the code starts one (Start-TorrentEngine,
# Resume-TorrentSession -Path). An example fails on any error record or after 60 s. A block whose first line
# is '# Not run by the tests: <why>' is not run (and has no test); a cmdlet may have one such example, never only such examples.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../tools/MarkdownHelp.psm1') -Force
    $docs = Join-Path $PSScriptRoot '../../docs'
    $notRun = '^\s*#\s*Not run by the tests:\s*(.*)$'
    $cmdlets = foreach ($file in (Get-CmdletHelpFile -DocsPath $docs)) {
        $examples = @()
        $parseError = $null
        try {
            $model = ConvertFrom-HelpMarkdown -Path $file.FullName
            $number = 0
            $examples = @(foreach ($example in $model.Examples) {
                    $number++
                    $firstLine = if ($example.PowerShellCode) { ($example.PowerShellCode -split "`n")[0] } else { '' }
                    @{
                        Cmdlet = $model.Name
                        Number = $number
                        Title  = $example.Title -replace '^\s*Example\s+\d+\s*:\s*', ''
                        Code   = $example.PowerShellCode
                        NotRun = $firstLine -match $notRun
                    }
                })
        }
        catch {
            $parseError = $_.Exception.Message
        }
        @{ Cmdlet = $file.BaseName; Examples = $examples; ParseError = $parseError }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath)
    $script:modulePath = Get-TestModulePath
    $script:network = Start-TestEngine
    $script:timeoutSeconds = 60

    # The sandbox template (copied for every example, so that examples do not see each other's files) and
    # the seeder's content (the same files, outside the sandbox).
    $script:template = New-TestFolder
    $script:seedContent = New-TestFolder
    $null = New-TestContent -Folder $template -Files @{ 'share/a.bin' = 300KB; 'single.iso' = 200KB } -Seed 7
    $null = New-Item -ItemType Directory -Path (Join-Path $template 'share/docs'), (Join-Path $template 'torrents'), (Join-Path $template 'downloads')
    [System.IO.File]::WriteAllText((Join-Path $template 'share/docs/readme.txt'), "The shared folder of the JsTorrent help examples.`n")
    # one: a single file; two: a folder with a data file and a text file (examples skip the text file by pattern).
    $null = New-TestContent -Folder $seedContent -Files @{ 'one.bin' = 64KB; 'two/data.bin' = 96KB; 'two/notes.txt' = 2KB } -Seed 8
    Copy-Item -LiteralPath (Join-Path $template 'share'), (Join-Path $template 'single.iso') -Destination $seedContent -Recurse
    $torrents = @(
        New-Torrent -Path (Join-Path $template 'share') -Destination (Join-Path $template 'share.torrent')
        New-Torrent -Path (Join-Path $template 'single.iso') -Destination (Join-Path $template 'single.iso.torrent')
        New-Torrent -Path (Join-Path $seedContent 'one.bin') -Destination (Join-Path $template 'torrents/one.torrent')
        New-Torrent -Path (Join-Path $seedContent 'two') -Destination (Join-Path $template 'torrents/two.torrent')
    )

    # One seeder engine (the .NET API, native files) seeding the four torrents on the memory network.
    $script:seeder = New-TestSeeder -Network $network -ContentParent $seedContent -TorrentPath @(
        'share.torrent', 'single.iso.torrent', 'torrents/one.torrent', 'torrents/two.torrent' | ForEach-Object { Join-Path $template $_ })
    $script:peer = $seeder.Peer
    $torrents.Count | Should -Be 4

    function Invoke-HelpExample {
        <#
            Runs $Code in a new runspace in a copy of the sandbox, as the docs contract says; throws with the
            error records (and the output so far) when it writes any, and after $timeoutSeconds.
        #>
        param([string] $Code)
        $sandbox = New-TestFolder
        Copy-Item -Path (Join-Path $template '*') -Destination $sandbox -Recurse
        $startsEngine = $Code -match 'Start-TorrentEngine' -or $Code -match 'Resume-TorrentSession\s+-Path'
        $runspace = [runspacefactory]::CreateRunspace()
        $ps = [powershell]::Create()
        try {
            $runspace.Open()
            $ps.Runspace = $runspace
            $null = $ps.AddScript({
                    param($ModulePath, $Sandbox, $Network, $Peer, $StartEngine, $DefaultSession)
                    # The example runs with the default error preference, as in a user's session.
                    Import-Module $ModulePath -ErrorAction Stop
                    Set-Location -LiteralPath $Sandbox -ErrorAction Stop
                    $global:PSDefaultParameterValues['Start-TorrentEngine:Preset'] = 'Memory'
                    $global:PSDefaultParameterValues['Start-TorrentEngine:MemoryNetwork'] = $Network
                    # Not with -NoSession (the two cannot be combined); an explicit -SessionPath wins anyway.
                    if ($DefaultSession) { $global:PSDefaultParameterValues['Start-TorrentEngine:SessionPath'] = './session.db' }
                    # Resume-TorrentSession starts an engine too: the same preset and network.
                    $global:PSDefaultParameterValues['Resume-TorrentSession:Preset'] = 'Memory'
                    $global:PSDefaultParameterValues['Resume-TorrentSession:MemoryNetwork'] = $Network
                    $global:PSDefaultParameterValues['Add-Torrent:Peer'] = $Peer
                    if ($StartEngine) { $null = Start-TorrentEngine }
                }.ToString()).AddParameters(@{
                    ModulePath = $modulePath; Sandbox = $sandbox; Network = $network; Peer = $peer
                    StartEngine = -not $startsEngine; DefaultSession = $Code -notmatch '-NoSession\b'
                })
            $null = $ps.Invoke()
            if ($ps.HadErrors) { throw "The sandbox setup failed: $($ps.Streams.Error -join '; ')" }

            $ps.Commands.Clear()
            $null = $ps.AddScript($Code)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]] $null, $output)
            if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($timeoutSeconds))) {
                $ps.Stop()
                throw "The example did not finish within $timeoutSeconds s. Output so far:`n$($output | Out-String)"
            }
            $terminating = $null
            try { $null = $ps.EndInvoke($async) } catch { $terminating = if ($_.Exception.InnerException) { $_.Exception.InnerException } else { $_.Exception } }
            $errors = @($ps.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
            if ($terminating) { $errors += "terminating: $($terminating.Message)" }
            if ($errors.Count -gt 0) {
                throw "The example wrote $($errors.Count) error record(s):`n$($errors -join "`n")`nOutput:`n$($output | Out-String)"
            }
        }
        finally {
            # Closing the runspace disposes its engine (and releases ./session.db) before the folder goes.
            $ps.Dispose()
            $runspace.Dispose()
            Remove-Item -LiteralPath $sandbox -Recurse -Force
        }
    }
}

AfterAll {
    $seeder | Remove-TestSeeder
    Stop-TorrentEngine
    foreach ($folder in $template, $seedContent) { if ($folder) { Remove-Item -LiteralPath $folder -Recurse -Force } }
}

Describe '<Cmdlet> examples' -ForEach $cmdlets {
    It 'has readable help markdown' -TestCases @{ ParseError = $ParseError } {
        $ParseError | Should -BeNullOrEmpty
    }

    It 'has at least one example the tests run and at most one they skip' -TestCases @{ Examples = $Examples } {
        $skipped = @($Examples | Where-Object NotRun)
        $skipped.Count | Should -BeLessOrEqual 1 -Because "at most one example per cmdlet may say '# Not run by the tests'"
        ($Examples.Count - $skipped.Count) | Should -BeGreaterOrEqual 1 -Because 'a cmdlet needs an example that runs'
    }

    # An example marked '# Not run by the tests' (the internet, Windows Task Scheduler, a wait until Ctrl+C) gets no
    # test at all rather than a skipped one; the test above bounds how many there may be.
    foreach ($example in @($Examples | Where-Object { -not $_.NotRun })) {
        It "$($example.Cmdlet) example $($example.Number): $($example.Title)" -TestCases @($example) {
            $Code | Should -Not -BeNullOrEmpty -Because 'an example needs a ```powershell code block'
            Invoke-HelpExample -Code $Code
        }
    }
}
