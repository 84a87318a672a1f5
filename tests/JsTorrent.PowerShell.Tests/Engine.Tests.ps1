# The engine of a runspace: Start-, Get-, Set-, Stop-TorrentEngine; the native preset's defaults (in a child
# pwsh with its own HOME and XDG folders); one engine per runspace (thread jobs, runspaces of this process,
# ports, session files); disposal when a runspace closes or the module is removed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath)
    $script:modulePath = Get-TestModulePath
    $script:work = New-TestFolder
    $script:startId = 'JsTorrent.PowerShell.Commands.Engine.StartTorrentEngineCommand'

    function Invoke-InRunspace {
        <# Runs $Script (its text: no closure) in $Runspace with $ArgumentList; returns its output. #>
        param([runspace] $Runspace, [scriptblock] $Script, [object[]] $ArgumentList = @())
        $ps = [powershell]::Create()
        try {
            $ps.Runspace = $Runspace
            $null = $ps.AddScript($Script.ToString())
            foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
            $output = $ps.Invoke()
            if ($ps.Streams.Error.Count -gt 0) { throw "The runspace wrote errors: $($ps.Streams.Error -join '; ')" }
            $output
        }
        finally {
            $ps.Dispose()
        }
    }

    function New-EngineRunspace {
        <# A new runspace of this process with the module imported: it gets an engine of its own. #>
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $null = Invoke-InRunspace $runspace { param($path) Import-Module $path -ErrorAction Stop } @($modulePath)
        $runspace
    }

    function Get-EngineThreadCount {
        <# Threads of this process named as an engine loop ('JsTorrent engine', cut to 15 characters by Linux). #>
        @(Get-ChildItem -LiteralPath /proc/self/task -Directory | ForEach-Object {
                Get-Content -LiteralPath (Join-Path $_.FullName 'comm') -ErrorAction Ignore
            } | Where-Object { $_ -like 'JsTorrent engin*' }).Count
    }

    function Wait-Until {
        param([scriptblock] $Condition, [string] $What, [int] $TimeoutSeconds = 30)
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting until $What." }
            Start-Sleep -Milliseconds 20
        }
    }

    function Invoke-ChildPwsh {
        <#
            Runs $Script in a new pwsh process whose environment is this one's changed by $Environment (a $null
            value removes a variable). The script writes its result as JSON to the file named by $args[0];
            returns the parsed result.
        #>
        param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 120)
        $folder = New-TestFolder
        $scriptFile = Join-Path $folder 'child.ps1'
        $resultFile = Join-Path $folder 'result.json'
        Set-Content -LiteralPath $scriptFile -Value $Script
        $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $start = [System.Diagnostics.ProcessStartInfo]::new($exe)
        # Under 'dotnet pwsh' (the repository's pinned tool) this process is dotnet running pwsh.dll.
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $scriptFile, $resultFile) { $start.ArgumentList.Add($argument) }
        foreach ($name in $Environment.Keys) {
            if ($null -eq $Environment[$name]) { $null = $start.Environment.Remove($name) } else { $start.Environment[$name] = $Environment[$name] }
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
                $process.Kill($true)
                throw "The child pwsh did not finish within $TimeoutSeconds s."
            }
            $process.WaitForExit()
            if (-not (Test-Path -LiteralPath $resultFile)) {
                throw "The child pwsh (exit code $($process.ExitCode)) wrote no result. Output: $($stdout.Result) Errors: $($stderr.Result)"
            }
            Get-Content -LiteralPath $resultFile -Raw | ConvertFrom-Json
        }
        finally {
            $process.Dispose()
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
        }
    }
}

AfterAll {
    Stop-TorrentEngine
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}

Describe 'Start-, Get-, Set- and Stop-TorrentEngine (memory preset)' {
    BeforeEach {
        $script:net = Start-TestEngine
    }

    It 'Get-TorrentEngine describes the running engine' {
        $engine = Get-TorrentEngine
        $engine | Should -BeOfType ([JsTorrent.TorrentEngine])
        $engine.Preset | Should -Be ([JsTorrent.EnginePreset]::Memory)
        $engine.IsRunning | Should -BeTrue
        $engine.ListenPort | Should -Be 6881
        $engine.ListenAddress | Should -Match '^10\.'
        $engine.SessionPath | Should -BeNullOrEmpty
        $engine.DownloadPath | Should -Be 'memory:/downloads'
        $engine.TorrentCount | Should -Be 0
        $engine.PeerId | Should -Match '^-JS\d{4}-'
        $engine.MaxConnections | Should -Be 200
        $engine.MaxConnectionsPerTorrent | Should -Be 20
        $engine.DownloadRateLimit | Should -Be 0
        $engine.StartedAt | Should -BeLessOrEqual ([DateTime]::Now)
        $engine.GetBtEngine().PeerId.ToString() | Should -Be $engine.PeerId
    }

    It 'Start-TorrentEngine -Preset Memory applies its parameters' {
        Stop-TorrentEngine
        $engine = Start-TorrentEngine -Preset Memory -MemoryNetwork $net -ListenAddress 10.77.0.5 -Port 7001 -DownloadPath stash `
            -DownloadRateLimit 2MB -UploadRateLimit 1MB -MaxConnections 50 -MaxConnectionsPerTorrent 5
        $engine.ListenAddress | Should -Be '10.77.0.5'
        $engine.ListenPort | Should -Be 7001
        $engine.DownloadPath | Should -Be 'memory:/stash'
        $engine.DownloadRateLimit | Should -Be 2MB
        $engine.UploadRateLimit | Should -Be 1MB
        $engine.MaxConnections | Should -Be 50
        $engine.MaxConnectionsPerTorrent | Should -Be 5
        (Get-TorrentEngine).PeerId | Should -Be $engine.PeerId
    }

    It 'Set-TorrentEngine changes the rate and connection limits of the running engine' {
        $result = Set-TorrentEngine -DownloadRateLimit 3MB -UploadRateLimit 256KB -MaxConnections 40 -MaxConnectionsPerTorrent 8 -PassThru
        $result.DownloadRateLimit | Should -Be 3MB

        $engine = Get-TorrentEngine
        $engine.DownloadRateLimit | Should -Be 3MB
        $engine.UploadRateLimit | Should -Be 256KB
        $engine.MaxConnections | Should -Be 40
        $engine.MaxConnectionsPerTorrent | Should -Be 8
        $engine.GetBtEngine().MaxConnectionsPerTorrent | Should -Be 8

        # Only what is given changes; 0 lifts a rate limit; no output without -PassThru.
        Set-TorrentEngine -UploadRateLimit 0 | Should -BeNullOrEmpty
        $engine.UploadRateLimit | Should -Be 0
        $engine.DownloadRateLimit | Should -Be 3MB
        $engine.MaxConnections | Should -Be 40
    }

    It 'a second Start-TorrentEngine fails with EngineAlreadyRunning and leaves the engine running' {
        $engine = Get-TorrentEngine
        { Start-TorrentEngine -Preset Memory } | Should -Throw -ErrorId "EngineAlreadyRunning,$startId"
        $engine.IsRunning | Should -BeTrue
        (Get-TorrentEngine).PeerId | Should -Be $engine.PeerId
    }

    It 'an unparsable -ListenAddress ends Start-TorrentEngine with InvalidListenAddress' {
        Stop-TorrentEngine
        { Start-TorrentEngine -ListenAddress 'not-an-address' -NoSession } | Should -Throw -ErrorId "InvalidListenAddress,$startId"
        Get-TorrentEngine | Should -BeNullOrEmpty
    }

    It 'parameters that cannot go together end Start-TorrentEngine with ConflictingEngineParameters' {
        Stop-TorrentEngine
        { Start-TorrentEngine -NoSession -SessionPath (Join-Path ([IO.Path]::GetTempPath()) 'never.db') } | Should -Throw -ErrorId "ConflictingEngineParameters,$startId"
        { Start-TorrentEngine -Preset Native -MemoryNetwork ([JsTorrent.Adapters.Memory.MemoryNetwork]::new()) } | Should -Throw -ErrorId "ConflictingEngineParameters,$startId"
        Get-TorrentEngine | Should -BeNullOrEmpty
    }

    It 'a -DownloadPath that is not a file-system path ends Start-TorrentEngine with InvalidDownloadPath' {
        Stop-TorrentEngine
        { Start-TorrentEngine -DownloadPath 'Env:\JST_NOT_A_FOLDER' -NoSession } | Should -Throw -ErrorId "InvalidDownloadPath,$startId"
        Get-TorrentEngine | Should -BeNullOrEmpty
    }

    It 'Get-Torrent and the cmdlets that act on torrents never start an engine' {
        Stop-TorrentEngine
        Get-Torrent | Should -BeNullOrEmpty
        Suspend-Torrent -Name 'nothing' -WhatIf -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing[0].FullyQualifiedErrorId | Should -Be 'TorrentNotFound,JsTorrent.PowerShell.Commands.Torrents.SuspendTorrentCommand'
        $missing[0].Exception.Message | Should -Match 'Resume-TorrentSession'
        Get-TorrentFile | Should -BeNullOrEmpty
        Get-TorrentEngine | Should -BeNullOrEmpty -Because 'nothing above needs an engine, and a new one would take the session file and the port'
    }

    It 'Stop-TorrentEngine disposes the engine; then Get-TorrentEngine outputs nothing' {
        $engine = Get-TorrentEngine
        $stopped = Stop-TorrentEngine -PassThru
        $stopped.PeerId | Should -Be $engine.PeerId
        $stopped.IsRunning | Should -BeFalse
        $engine.IsRunning | Should -BeFalse
        ($stopped | Out-String) | Should -Match 'IsRunning\s+: False' -Because 'a stopped engine still formats'
        Get-TorrentEngine | Should -BeNullOrEmpty
        Stop-TorrentEngine -PassThru | Should -BeNullOrEmpty -Because 'there is nothing left to stop'
    }

    It '-WhatIf on Start-, Stop- and Set-TorrentEngine changes nothing' {
        $engine = Get-TorrentEngine
        Set-TorrentEngine -DownloadRateLimit 1234 -MaxConnections 7 -WhatIf
        $engine.DownloadRateLimit | Should -Be 0
        $engine.MaxConnections | Should -Be 200

        Stop-TorrentEngine -WhatIf
        $engine.IsRunning | Should -BeTrue
        (Get-TorrentEngine).PeerId | Should -Be $engine.PeerId

        Stop-TorrentEngine
        Start-TorrentEngine -Preset Memory -MemoryNetwork $net -WhatIf | Should -BeNullOrEmpty
        Get-TorrentEngine | Should -BeNullOrEmpty
        Set-TorrentEngine -MaxConnections 5 -WhatIf
        Get-TorrentEngine | Should -BeNullOrEmpty -Because '-WhatIf must not start the default engine either'
    }
}

Describe 'The native preset''s defaults (a child pwsh with its own HOME and XDG folders)' -Skip:(-not $IsLinux) {
    It 'the first engine-using cmdlet starts a Native engine when <Case>' -ForEach @(
        @{ Case = 'XDG_DOWNLOAD_DIR names the Downloads folder'; Variable = 'downloads-from-variable'; UserDirs = $null; Expected = 'downloads-from-variable' }
        @{ Case = 'user-dirs.dirs under XDG_CONFIG_HOME names it'; Variable = $null; UserDirs = 'XDG_DOWNLOAD_DIR="$HOME/downloads-from-file"'; Expected = 'home/downloads-from-file' }
    ) {
        $root = New-TestFolder
        try {
            $null = New-Item -ItemType Directory -Path (Join-Path $root 'home'), (Join-Path $root 'config')
            if ($UserDirs) { Set-Content -LiteralPath (Join-Path $root 'config/user-dirs.dirs') -Value $UserDirs }
            $environment = @{
                HOME             = Join-Path $root 'home'
                XDG_DATA_HOME    = Join-Path $root 'data'
                XDG_CONFIG_HOME  = Join-Path $root 'config'
                XDG_DOWNLOAD_DIR = if ($Variable) { Join-Path $root $Variable } else { $null }
                JST_TEST_MODULE  = $modulePath
            }
            $result = Invoke-ChildPwsh -Environment $environment -Script {
                Import-Module $env:JST_TEST_MODULE -ErrorAction Stop
                $before = @(Get-TorrentEngine).Count
                $engine = Get-TorrentEngine -Start
                [ordered]@{
                    Before        = $before
                    Preset        = "$($engine.Preset)"
                    Running       = $engine.IsRunning
                    DownloadPath  = $engine.DownloadPath
                    SessionPath   = $engine.SessionPath
                    ListenPort    = $engine.ListenPort
                    ListenAddress = $engine.ListenAddress
                    SameEngine    = (Get-TorrentEngine).PeerId -eq $engine.PeerId
                } | ConvertTo-Json | Set-Content -LiteralPath $args[0]
                Stop-TorrentEngine
            }.ToString()

            $result.Before | Should -Be 0 -Because 'Get-TorrentEngine without -Start starts nothing'
            $result.Preset | Should -Be 'Native'
            $result.Running | Should -BeTrue
            $result.DownloadPath | Should -Be (Join-Path $root $Expected)
            Join-Path $root $Expected | Should -Exist
            $result.SessionPath | Should -Be (Join-Path $root 'data/JsTorrent/session.db')
            $result.SessionPath | Should -Exist
            $result.ListenPort | Should -BeGreaterOrEqual 6881
            $result.ListenPort | Should -BeLessOrEqual 6890 -Because 'a taken 6881 means one of the next nine ports'
            $result.ListenAddress | Should -BeNullOrEmpty -Because 'the default listens on every interface'
            $result.SameEngine | Should -BeTrue
        }
        finally {
            Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction Ignore
        }
    }
}

Describe 'One engine per runspace' {
    BeforeAll {
        $script:runspaces = [System.Collections.Generic.List[runspace]]::new()
        function New-TrackedRunspace {
            $runspace = New-EngineRunspace
            $runspaces.Add($runspace)
            $runspace
        }
    }

    AfterAll {
        foreach ($runspace in $runspaces) { $runspace.Dispose() }
    }

    It 'two thread jobs each start an engine of their own' {
        $null = Start-TestEngine
        $jobs = foreach ($i in 1..2) {
            Start-ThreadJob -ArgumentList $modulePath -ScriptBlock {
                param($path)
                Import-Module $path -ErrorAction Stop
                $engine = Start-TorrentEngine -Preset Memory
                [pscustomobject]@{ PeerId = $engine.PeerId; Runspace = [runspace]::DefaultRunspace.InstanceId; Running = $engine.IsRunning }
                Stop-TorrentEngine
            }
        }
        try {
            $null = Wait-Job -Job $jobs -Timeout 120
            $jobs.State | Should -Be @('Completed', 'Completed')
            $results = @($jobs | Receive-Job)
        }
        finally {
            $jobs | Remove-Job -Force
        }

        $results.Count | Should -Be 2
        $results.Running | Should -Be @($true, $true)
        $results[0].Runspace | Should -Not -Be $results[1].Runspace
        $results[0].PeerId | Should -Not -Be $results[1].PeerId
        $results.PeerId | Should -Not -Contain (Get-TorrentEngine).PeerId -Because 'this runspace keeps its own engine'
        Stop-TorrentEngine
    }

    It 'two native engines on 127.0.0.1 in two runspaces take different ports, each with its session file' {
        $a = New-TrackedRunspace
        $b = New-TrackedRunspace
        $start = {
            param($folder)
            Start-TorrentEngine -ListenAddress 127.0.0.1 -DownloadPath (Join-Path $folder 'downloads') -SessionPath (Join-Path $folder 'session.db')
        }
        $first = Invoke-InRunspace $a $start @(Join-Path $work 'a')
        $second = Invoke-InRunspace $b $start @(Join-Path $work 'b')
        try {
            $first.Preset | Should -Be ([JsTorrent.EnginePreset]::Native)
            $first.ListenAddress | Should -Be '127.0.0.1'
            $first.IsRunning | Should -BeTrue
            $second.IsRunning | Should -BeTrue
            $first.ListenPort | Should -BeGreaterOrEqual 6881
            $second.ListenPort | Should -BeGreaterThan $first.ListenPort -Because 'the second tries the next ports'
            $second.ListenPort | Should -BeLessOrEqual 6890
            $second.SessionPath | Should -Be (Join-Path $work 'b/session.db')
            $second.PeerId | Should -Not -Be $first.PeerId
        }
        finally {
            $null = Invoke-InRunspace $a { Stop-TorrentEngine }
            $null = Invoke-InRunspace $b { Stop-TorrentEngine }
        }
        $first.IsRunning | Should -BeFalse
        Join-Path $work 'b/session.db' | Should -Exist
    }

    It 'the same -SessionPath in a second runspace fails with SessionInUse, naming Start-TorrentEngine -SessionPath' {
        $a = New-TrackedRunspace
        $b = New-TrackedRunspace
        $session = Join-Path $work 'shared.db'
        $first = Invoke-InRunspace $a { param($path) Start-TorrentEngine -Preset Memory -SessionPath $path } @($session)
        $first.SessionPath | Should -Be $session

        $outcome = Invoke-InRunspace $b {
            param($path)
            try {
                $null = Start-TorrentEngine -Preset Memory -SessionPath $path
                'started'
            }
            catch {
                $_.FullyQualifiedErrorId
                $_.CategoryInfo.Category.ToString()
                $_.Exception.Message
                @(Get-TorrentEngine).Count
            }
        } @($session)
        $outcome[0] | Should -Be "SessionInUse,$startId"
        $outcome[1] | Should -Be 'ResourceBusy'
        $outcome[2] | Should -Match 'Start-TorrentEngine -SessionPath'
        $outcome[2] | Should -Match ([regex]::Escape($session))
        $outcome[3] | Should -Be 0 -Because 'the failed start leaves the runspace without an engine'

        # Once the owner stops, the file is free.
        $null = Invoke-InRunspace $a { Stop-TorrentEngine }
        $again = Invoke-InRunspace $b { param($path) Start-TorrentEngine -Preset Memory -SessionPath $path } @($session)
        $again.IsRunning | Should -BeTrue
        $null = Invoke-InRunspace $b { Stop-TorrentEngine }
    }

    It 'closing a runspace disposes its engine and frees its port' {
        $a = New-TrackedRunspace
        $engine = Invoke-InRunspace $a {
            param($folder)
            Start-TorrentEngine -ListenAddress 127.0.0.1 -Port 0 -NoSession -DownloadPath $folder
        } @(Join-Path $work 'closing')
        $port = $engine.ListenPort
        $bt = $engine.GetBtEngine()
        $threads = if ($IsLinux) { Get-EngineThreadCount }

        $a.Close()
        Wait-Until { -not $engine.IsRunning } 'the closed runspace''s engine is disposed'
        { $null = $bt.StartAsync([System.Threading.CancellationToken]::None) } | Should -Throw '*disposed*'
        if ($IsLinux) {
            Wait-Until { (Get-EngineThreadCount) -lt $threads } 'its engine thread has exited'
        }

        $b = New-TrackedRunspace
        $taken = Invoke-InRunspace $b {
            param($port, $folder)
            Start-TorrentEngine -ListenAddress 127.0.0.1 -Port $port -StrictPort -NoSession -DownloadPath $folder
        } @($port, (Join-Path $work 'closing-2'))
        $taken.ListenPort | Should -Be $port
        $null = Invoke-InRunspace $b { Stop-TorrentEngine }
    }
}

Describe 'A session file has one owner (LiteDB session store)' {
    It 'a running engine''s session file cannot be opened by another engine until it stops' {
        $path = Join-Path $work 'owned.db'
        $null = Start-TestEngine -Parameters @{ SessionPath = $path }
        $error1 = $null
        try { $null = [JsTorrent.Adapters.LiteDb.LiteDbSessionStore]::Open($path) } catch { $error1 = $_.Exception.InnerException }
        $error1 | Should -BeOfType ([JsTorrent.Adapters.LiteDb.SessionStoreInUseException])
        $error1.OwnerProcessId | Should -Be $PID

        Stop-TorrentEngine
        $store = [JsTorrent.Adapters.LiteDb.LiteDbSessionStore]::Open($path)
        try {
            # A .NET engine takes the file over, and now the runspace cannot.
            $config = [JsTorrent.Adapters.Presets.MemoryEngineConfig]::new()
            $config.Network = [JsTorrent.Adapters.Memory.MemoryNetwork]::new()
            $config.SessionStore = $store
            $other = Wait-TestTask ([JsTorrent.Adapters.Presets.EnginePresets]::CreateMemoryEngineAsync($config, [System.Threading.CancellationToken]::None))
            try {
                { Start-TestEngine -Parameters @{ SessionPath = $path } } | Should -Throw -ErrorId "SessionInUse,$startId"
            }
            finally {
                $null = Wait-TestTask ($other.DisposeAsync().AsTask())
            }
        }
        finally {
            $store.Dispose()
        }
    }
}

Describe 'Remove-Module JsTorrent' {
    AfterAll {
        # Every test file shares this runspace: leave the module imported, as the file's AfterAll expects.
        if (-not (Get-Module -Name JsTorrent)) { Import-Module (Get-TestModulePath) }
    }

    It 'disposes this runspace''s engine; the module re-imports cleanly and starts a new engine' {
        $null = Start-TestEngine
        $engine = Get-TorrentEngine
        $threads = if ($IsLinux) { Get-EngineThreadCount }
        if ($IsLinux) { $threads | Should -BeGreaterOrEqual 1 }

        Remove-Module -Name JsTorrent
        $engine.IsRunning | Should -BeFalse -Because 'Remove-Module waits for the engine to close'
        Get-Command -Name Get-TorrentEngine -ErrorAction Ignore | Should -BeNullOrEmpty
        if ($IsLinux) {
            Wait-Until { (Get-EngineThreadCount) -lt $threads } 'the engine thread has exited'
        }

        Import-Module (Get-TestModulePath)
        Get-TorrentEngine | Should -BeNullOrEmpty -Because 'the old engine went with the module'
        $null = Start-TestEngine
        $new = Get-TorrentEngine
        $new.IsRunning | Should -BeTrue
        $new.PeerId | Should -Not -Be $engine.PeerId
        Stop-TorrentEngine
    }

    It 'leaves no engine thread in a process that had one (a child pwsh)' -Skip:(-not $IsLinux) {
        $result = Invoke-ChildPwsh -Environment @{ JST_TEST_MODULE = $modulePath } -Script {
            function Get-EngineThreadCount {
                @(Get-ChildItem -LiteralPath /proc/self/task -Directory | ForEach-Object {
                        Get-Content -LiteralPath (Join-Path $_.FullName 'comm') -ErrorAction Ignore
                    } | Where-Object { $_ -like 'JsTorrent engin*' }).Count
            }
            Import-Module $env:JST_TEST_MODULE -ErrorAction Stop
            $null = Start-TorrentEngine -Preset Memory
            $running = Get-EngineThreadCount
            Remove-Module -Name JsTorrent
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ((Get-EngineThreadCount) -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $removed = Get-EngineThreadCount
            Import-Module $env:JST_TEST_MODULE -ErrorAction Stop
            $engine = Start-TorrentEngine -Preset Memory
            $restarted = [ordered]@{ Running = $engine.IsRunning; Threads = Get-EngineThreadCount }
            Stop-TorrentEngine
            [ordered]@{ Running = $running; Removed = $removed; Restarted = $restarted } | ConvertTo-Json | Set-Content -LiteralPath $args[0]
        }.ToString()

        $result.Running | Should -Be 1
        $result.Removed | Should -Be 0
        $result.Restarted.Running | Should -BeTrue
        $result.Restarted.Threads | Should -Be 1
    }
}

Describe 'Process exit' {
    It 'disposes the engine when the process exits by <How>: the session is closed cleanly and keeps what was added' -ForEach @(
        @{ How = 'exit'; Exit = 'exit 0' }
        @{ How = '[Environment]::Exit'; Exit = '[Environment]::Exit(0)' }
    ) {
        $folder = New-TestFolder
        try {
            $db = Join-Path $folder 'session.db'
            # 'exit' closes the host's runspace (which disposes its engine); [Environment]::Exit skips that and leaves it
            # to the process-exit handler.
            $result = Invoke-ChildPwsh -Environment @{ JST_TEST_MODULE = $modulePath; JST_TEST_FOLDER = $folder } -Script ({
                Import-Module $env:JST_TEST_MODULE -ErrorAction Stop
                $content = Join-Path $env:JST_TEST_FOLDER 'exit.bin'
                [System.IO.File]::WriteAllBytes($content, [byte[]]::new(40000))
                $info = New-Torrent -Path $content -Destination (Join-Path $env:JST_TEST_FOLDER 'exit.torrent')
                $null = Start-TorrentEngine -Preset Memory -SessionPath (Join-Path $env:JST_TEST_FOLDER 'session.db')
                $null = Add-Torrent -LiteralPath (Join-Path $env:JST_TEST_FOLDER 'exit.torrent') -Suspended -ErrorAction Stop
                [ordered]@{ InfoHash = $info.InfoHash; ProcessId = $PID } | ConvertTo-Json | Set-Content -LiteralPath $args[0]
                # No Stop-TorrentEngine: the process exits with the engine running.
                EXIT_HERE
            }.ToString() -replace 'EXIT_HERE', $Exit)

            $store = [JsTorrent.Adapters.LiteDb.LiteDbSessionStore]::Open($db, $null)
            try {
                $store.TakenOverFromProcessId | Should -BeNullOrEmpty -Because 'the exiting process closed its session instead of leaving it to be taken over'
                $keys = Wait-TestTask ($store.KeysAsync("torrent:$($result.InfoHash)", [System.Threading.CancellationToken]::None).AsTask())
                $keys | Should -Contain "torrent:$($result.InfoHash):metadata"
                $keys | Should -Contain "torrent:$($result.InfoHash):progress"
            }
            finally {
                $store.Dispose()
            }
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
        }
    }
}
