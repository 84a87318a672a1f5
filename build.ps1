<#
.SYNOPSIS
    Builds, tests and cleans the JsTorrent PowerShell module.

.DESCRIPTION
    Plain PowerShell 7 build script; needs only the .NET SDK and the pinned
    pwsh tool (dotnet tool restore; dotnet pwsh ./build.ps1 <Task>).

    Build  dotnet publish src/JsTorrent.PowerShell, then assemble a clean module
           folder out/JsTorrent/ (manifest, assemblies, format files, help).
    Docs   generate the help into out/JsTorrent/en-US/ from docs/*.md (tools/MarkdownHelp.psm1):
           JsTorrent.PowerShell.dll-Help.xml (MAML) and about_JsTorrent.help.txt.
    Test   Build, then the xunit suites (dotnet test on the solution, TRX files
           in out/TestResults/xunit/) and the Pester suite against the built
           module in a child pwsh. The last line printed is
           "<N> passed, <N> failed" (the summary comes after all tasks, so also
           with -Task Test, Clean); every test project that crashed or wrote no
           results counts as a failure of its own. The exit code is non-zero
           when anything failed or no test ran.
    Clean  remove out/ and every bin/ and obj/ folder under src/, tests/, bench/.

.EXAMPLE
    dotnet pwsh ./build.ps1 Test

.EXAMPLE
    dotnet pwsh -c "./build.ps1 -Task Clean, Build -Configuration Debug"
    (several tasks need PowerShell's array syntax, hence -c rather than a script path)
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Clean')]
    [string[]] $Task = 'Build',

    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# Native exit codes are checked explicitly below.
$PSNativeCommandUseErrorActionPreference = $false
if ([Console]::IsOutputRedirected -and (Get-Variable -Name PSStyle -ErrorAction Ignore)) {
    # Readable CI logs: no ANSI escape sequences when output goes to a file or pipe.
    $PSStyle.OutputRendering = 'PlainText'
}

$RepoRoot = $PSScriptRoot
$OutDir = Join-Path $RepoRoot 'out'
$ModuleName = 'JsTorrent'
$ModuleDir = Join-Path $OutDir $ModuleName
$ModuleManifest = Join-Path $ModuleDir "$ModuleName.psd1"
$SourceModuleDir = Join-Path $RepoRoot 'module'
$TestResultsDir = Join-Path $OutDir 'TestResults'
$Solution = Join-Path $RepoRoot 'JsTorrent.PowerShell.sln'
$PesterProjectDir = Join-Path (Join-Path $RepoRoot 'tests') 'JsTorrent.PowerShell.Tests'
$PesterVersion = '5.7.1'

# Assemblies that must never ship in the module folder (PowerShell provides them).
$ExcludedAssemblies = @('System.Management.Automation.dll', 'Microsoft.PowerShell.*.dll', 'Microsoft.Management.Infrastructure*.dll')
# Assemblies the module cannot work without.
$RequiredAssemblies = @('JsTorrent.PowerShell.dll', 'JsTorrent.Engine.dll', 'JsTorrent.Adapters.dll', 'LiteDB.dll')

$script:TasksDone = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)

function Write-Step([string] $Message) {
    Write-Host ''
    Write-Host "==> $Message"
}

function Invoke-Native {
    <# Runs a native command with its output on the console; returns nothing. Throws when it exits non-zero unless -AllowFailure (then $LASTEXITCODE tells). #>
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [switch] $AllowFailure
    )
    Write-Host "    $FilePath $($ArgumentList -join ' ')"
    & $FilePath @ArgumentList | Out-Host
    if (-not $AllowFailure -and $LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Remove-Directory([string] $Path) {
    if (Test-Path -LiteralPath $Path) {
        Remove-Item -LiteralPath $Path -Recurse -Force
    }
}

function Invoke-Build {
    if (-not $script:TasksDone.Add('Build')) { return }
    Write-Step "Build ($Configuration): publish src/JsTorrent.PowerShell"

    $publishDir = Join-Path ([IO.Path]::GetTempPath()) ("jstorrent-publish-" + [Guid]::NewGuid().ToString('N'))
    try {
        $project = Join-Path (Join-Path $RepoRoot 'src') 'JsTorrent.PowerShell'
        Invoke-Native dotnet @('publish', $project, '-c', $Configuration, '-o', $publishDir, '--nologo')

        Write-Step "Assemble module folder $ModuleDir"
        Remove-Directory $ModuleDir
        $null = New-Item -ItemType Directory -Path $ModuleDir -Force

        Copy-Item -LiteralPath (Join-Path $RepoRoot "$ModuleName.psd1") -Destination $ModuleDir

        # The module's assemblies and their dependencies; no pdb/xml/deps.json, never PowerShell itself.
        $assemblies = Get-ChildItem -LiteralPath $publishDir -Filter '*.dll' -File | Where-Object {
            $name = $_.Name
            -not ($ExcludedAssemblies | Where-Object { $name -like $_ })
        }
        $assemblies | Copy-Item -Destination $ModuleDir

        foreach ($required in $RequiredAssemblies) {
            if (-not (Test-Path -LiteralPath (Join-Path $ModuleDir $required))) {
                throw "dotnet publish did not produce $required."
            }
        }
    }
    finally {
        Remove-Directory $publishDir
    }

    # Everything from module/ (format and type files, ...); help folders are the Docs task's.
    Get-ChildItem -LiteralPath $SourceModuleDir | Where-Object { $_.Name -ne 'en-US' } |
        Copy-Item -Destination $ModuleDir -Recurse -Force

    Invoke-Docs

    Write-Host ''
    Write-Host "Module folder ${ModuleDir}:"
    Get-ChildItem -LiteralPath $ModuleDir -Recurse -File | ForEach-Object {
        Write-Host ('    ' + [IO.Path]::GetRelativePath($ModuleDir, $_.FullName))
    }
}

function Invoke-Docs {
    <#
        Writes the module's help into out/JsTorrent/en-US/ with tools/MarkdownHelp.psm1 (PlatyPS is not
        available from the registries this project reaches): the MAML of every docs/<Verb-Noun>.md as
        en-US/JsTorrent.PowerShell.dll-Help.xml and docs/about_JsTorrent.md as about_JsTorrent.help.txt.
        Malformed markdown fails the build with '<file>:<line>: <what is wrong>'.
    #>
    # Not deduplicated: Build recreates the module folder and always calls this.
    Write-Step 'Docs: help files into the module folder'
    if (-not (Test-Path -LiteralPath $ModuleManifest)) {
        throw "The module folder $ModuleDir is not built; run build.ps1 Build (it runs Docs too)."
    }

    $docsDir = Join-Path $RepoRoot 'docs'
    $helpDir = Join-Path $ModuleDir 'en-US'
    Remove-Directory $helpDir
    $null = New-Item -ItemType Directory -Path $helpDir -Force
    Import-Module (Join-Path (Join-Path $RepoRoot 'tools') 'MarkdownHelp.psm1') -Force
    $files = @(try {
            New-ModuleHelp -DocsPath $docsDir -OutputPath $helpDir -HelpFileName 'JsTorrent.PowerShell.dll-Help.xml'
        }
        catch {
            throw "Docs: malformed help markdown: $($_.Exception.Message)"
        })
    if (-not ($files | Where-Object Name -EQ 'JsTorrent.PowerShell.dll-Help.xml')) {
        throw "Docs: no cmdlet help markdown (docs/<Verb-Noun>.md) was found."
    }

    # Fallback until docs/about_JsTorrent.md exists: the hand-written topic.
    $aboutName = "about_$ModuleName.help.txt"
    $fallback = Join-Path (Join-Path $SourceModuleDir 'en-US') $aboutName
    if (-not ($files | Where-Object Name -EQ $aboutName)) {
        if (-not (Test-Path -LiteralPath $fallback)) { throw "Docs: neither docs/about_$ModuleName.md nor module/en-US/$aboutName exists." }
        Copy-Item -LiteralPath $fallback -Destination $helpDir -Force
        $files += Get-Item -LiteralPath (Join-Path $helpDir $aboutName)
    }
    foreach ($file in $files) { Write-Host "    en-US/$($file.Name)" }
}

function Get-TestProjects {
    <# Full paths of the folders of the solution's test projects (csproj with <IsTestProject>true</IsTestProject>). #>
    $folders = [System.Collections.Generic.List[string]]::new()
    foreach ($line in Get-Content -LiteralPath $Solution) {
        if ($line -notmatch '^Project\("[^"]*"\)\s*=\s*"[^"]*",\s*"([^"]+\.csproj)"') { continue }
        $project = Join-Path $RepoRoot ($Matches[1] -replace '[\\/]', [IO.Path]::DirectorySeparatorChar)
        if ((Test-Path -LiteralPath $project) -and (Get-Content -LiteralPath $project -Raw) -match '<IsTestProject>\s*true\s*</IsTestProject>') {
            $folders.Add((Split-Path -Parent $project))
        }
    }
    return , $folders
}

function Get-TrxCounts([string] $Directory, [string[]] $TestProjects) {
    <#
        Sums ResultSummary/Counters over every TRX file in $Directory, and tells which runs were aborted
        (Crashed: file names) and which test projects left no TRX (Missing: project names).
        A TRX belongs to the test project whose folder holds its tests' assembly (UnitTest/@storage).
        A crashed test host records no test, so its TRX names no project: each such file stands for
        one of the projects without a TRX of their own, and only the rest count as missing.
    #>
    $counts = [ordered]@{ Files = 0; Passed = 0; Failed = 0; Skipped = 0; Total = 0; Crashed = @(); Missing = @() }
    $seen = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    $anonymous = 0
    foreach ($file in @(Get-ChildItem -LiteralPath $Directory -Filter '*.trx' -File -Recurse -ErrorAction Ignore)) {
        [xml] $trx = Get-Content -LiteralPath $file.FullName -Raw
        $summary = $trx.TestRun.ResultSummary
        $counter = { param([string] $Name) [int] ('0' + $summary.Counters.GetAttribute($Name)) }
        $passed = & $counter 'passed'
        # Errors, timeouts and aborts are failures too.
        $failed = (& $counter 'failed') + (& $counter 'error') + (& $counter 'timeout') + (& $counter 'aborted')
        $outcome = $summary.GetAttribute('outcome')
        $counts.Files++
        $counts.Total += & $counter 'total'
        $counts.Passed += $passed
        $counts.Failed += $failed
        $counts.Skipped += & $counter 'notExecuted'
        Write-Host ("    {0}: {1} passed, {2} failed ({3})" -f $file.Name, $passed, $failed, $outcome)

        # A run that was aborted (test host crash) or failed without a failed test lost its results,
        # whether or not other tests failed: count it on its own.
        $messages = @($trx.SelectNodes("//*[local-name()='RunInfo']/*[local-name()='Text']") | ForEach-Object { $_.InnerText })
        if (($messages -match 'test run was aborted|test host process crashed') -or ($outcome -notin 'Completed', 'Passed', 'Warning' -and $failed -eq 0)) {
            $counts.Crashed += $file.Name
        }

        $storages = @($trx.SelectNodes("//*[local-name()='UnitTest']/@storage") | ForEach-Object { $_.Value } | Select-Object -Unique)
        $owners = @(foreach ($project in $TestProjects) {
                $prefix = $project.TrimEnd([IO.Path]::DirectorySeparatorChar) + [IO.Path]::DirectorySeparatorChar
                if ($storages | Where-Object { $_.StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase) }) { $project }
            })
        if ($owners.Count -eq 0) { $anonymous++ }
        foreach ($owner in $owners) { $null = $seen.Add($owner) }
    }

    $unaccounted = @($TestProjects | Where-Object { -not $seen.Contains($_) } | ForEach-Object { Split-Path -Leaf $_ })
    $missing = $unaccounted.Count - $anonymous
    if ($missing -gt 0) {
        $counts.Missing = if ($anonymous -eq 0) {
            $unaccounted
        }
        else {
            # Which of them crashed cannot be told apart; name the candidates.
            @(1..$missing | ForEach-Object { 'one of ' + ($unaccounted -join ', ') })
        }
    }
    return [pscustomobject] $counts
}

function Get-PesterModulePath {
    <# Restores the Pester package (a PackageDownload) and returns the path of its Pester.psd1. #>
    $project = Join-Path $PesterProjectDir 'JsTorrent.PowerShell.Tests.csproj'
    Invoke-Native dotnet @('restore', $project, '--nologo')

    $packageFolders = @()
    $assets = Join-Path (Join-Path $PesterProjectDir 'obj') 'project.assets.json'
    if (Test-Path -LiteralPath $assets) {
        $json = Get-Content -LiteralPath $assets -Raw | ConvertFrom-Json
        $packageFolders += @($json.packageFolders.PSObject.Properties.Name)
    }
    if ($env:NUGET_PACKAGES) { $packageFolders += $env:NUGET_PACKAGES }
    $locals = & dotnet nuget locals global-packages --list 2>$null
    foreach ($line in @($locals)) {
        if ($line -match '^\s*global-packages:\s*(.+?)\s*$') { $packageFolders += $Matches[1] }
    }

    foreach ($folder in $packageFolders) {
        $candidate = Join-Path (Join-Path (Join-Path (Join-Path $folder 'pester') $PesterVersion) 'tools') 'Pester.psd1'
        if (Test-Path -LiteralPath $candidate) { return $candidate }
    }
    throw "Pester $PesterVersion was restored but Pester.psd1 was not found under: $($packageFolders -join ', ')."
}

function Invoke-Test {
    if (-not $script:TasksDone.Add('Test')) { return }
    Invoke-Build

    # Failures that no test result records (each counts as one failed test in the summary line),
    # and notes about failures already counted.
    $problems = [System.Collections.Generic.List[string]]::new()
    $notes = [System.Collections.Generic.List[string]]::new()
    Remove-Directory $TestResultsDir
    $xunitResults = Join-Path $TestResultsDir 'xunit'
    $null = New-Item -ItemType Directory -Path $xunitResults -Force

    # --- xunit ---------------------------------------------------------------
    Write-Step "Test: xunit (dotnet test JsTorrent.PowerShell.sln -c $Configuration)"
    # Default TRX names (user_machine_timestamp-with-ms, made unique by the logger): one file per
    # test project, none overwritten even when projects finish in the same second.
    Invoke-Native dotnet @('test', $Solution, '-c', $Configuration, '--nologo',
        '--logger', 'trx', '--results-directory', $xunitResults) -AllowFailure
    $dotnetTestExit = $LASTEXITCODE

    Write-Step 'xunit results (TRX)'
    $xunit = Get-TrxCounts $xunitResults (Get-TestProjects)
    # Each crashed or unbuilt test project is one failure of its own, whatever else failed.
    foreach ($file in $xunit.Crashed) {
        $problems.Add("xunit: the test run in $file was aborted (its test host crashed); its tests are not counted.")
    }
    foreach ($project in $xunit.Missing) {
        $problems.Add("xunit: $project wrote no test results: it did not build or its tests did not run.")
    }
    if ($xunit.Files -eq 0 -and $xunit.Missing.Count -eq 0) {
        $problems.Add("dotnet test wrote no TRX file (exit code $dotnetTestExit): the test projects did not build or run.")
    }
    elseif ($dotnetTestExit -ne 0 -and $xunit.Failed -eq 0 -and $problems.Count -eq 0) {
        # Nothing above explains the exit code (e.g. one target framework of a project did not build).
        $problems.Add("dotnet test exited with code $dotnetTestExit but no failed test is recorded: a test project failed to build or its test host crashed.")
    }

    # --- Pester (child pwsh: a loaded module assembly cannot be unloaded) -----
    Write-Step "Test: Pester $PesterVersion against $ModuleManifest"
    $pester = $null
    $pesterJson = Join-Path $TestResultsDir 'pester.json'
    $pesterXml = Join-Path $TestResultsDir 'pester.xml'
    try {
        $pesterPath = Get-PesterModulePath
        $runner = Join-Path $PesterProjectDir 'Invoke-PesterSuite.ps1'
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', $runner,
            '-ModulePath', $ModuleManifest, '-PesterPath', $pesterPath,
            '-ResultFile', $pesterJson, '-TestResultFile', $pesterXml) -AllowFailure
        $pesterExit = $LASTEXITCODE
        if (Test-Path -LiteralPath $pesterJson) {
            $pester = Get-Content -LiteralPath $pesterJson -Raw | ConvertFrom-Json
            # A test file that does not load has no test to fail; a failed BeforeAll fails its tests
            # (already counted), a failed AfterAll fails none.
            for ($i = 0; $i -lt [int] $pester.FailedContainers; $i++) {
                $problems.Add('Pester: a test file failed to load or run (see the output above).')
            }
            if ([int] $pester.FailedBlocks -gt 0) {
                $message = "Pester: $($pester.FailedBlocks) Describe/Context block(s) failed in BeforeAll/AfterAll (see the output above)."
                if ([int] $pester.Failed -eq 0) { $problems.Add($message) } else { $notes.Add($message) }
            }
        }
        else {
            $problems.Add("The Pester run (exit code $pesterExit) wrote no result file $pesterJson.")
        }
    }
    catch {
        $problems.Add("Pester could not run: $($_.Exception.Message)")
    }

    # --- Summary (printed by Write-TestSummary, after every task) ---------------
    $script:TestSummary = [pscustomobject]@{
        XunitPassed   = $xunit.Passed
        XunitFailed   = $xunit.Failed
        XunitSkipped  = $xunit.Skipped
        XunitFiles    = $xunit.Files
        XunitResults  = $xunitResults
        PesterPassed  = if ($pester) { [int] $pester.Passed } else { 0 }
        PesterFailed  = if ($pester) { [int] $pester.Failed } else { 0 }
        PesterSkipped = if ($pester) { [int] $pester.Skipped + [int] $pester.NotRun } else { 0 }
        PesterResults = $pesterXml
        Problems      = $problems
        Notes         = $notes
    }
}

function Write-TestSummary {
    <#
        Prints the test summary; its last line, "<N> passed, <N> failed", is the last line the script
        prints. Returns whether anything failed. $TaskFailure is the error of a task that failed after
        the tests ran (e.g. Clean): it counts as one more failure, so the line agrees with the exit code.
    #>
    param([string] $TaskFailure)
    $summary = $script:TestSummary
    if (-not $summary) {
        # The test run never got to its results (e.g. the module did not build).
        Write-Host '0 passed, 1 failed'
        return $true
    }

    $problems = [System.Collections.Generic.List[string]]::new($summary.Problems)
    if ($TaskFailure) { $problems.Add($TaskFailure) }
    $passed = $summary.XunitPassed + $summary.PesterPassed
    # A run that failed without recording a failed test (build error, crash) counts as one failure,
    # so that the summary line never says "0 failed" for a broken run.
    $failed = $summary.XunitFailed + $summary.PesterFailed + $problems.Count

    Write-Step 'Summary'
    foreach ($problem in @($problems) + @($summary.Notes)) {
        Write-Host "FAILED: $problem"
    }
    if ($passed + $summary.XunitFailed + $summary.PesterFailed -eq 0) {
        Write-Host 'FAILED: no test ran.'
        $failed = [Math]::Max($failed, 1)
    }
    Write-Host ("xunit:  {0} passed, {1} failed, {2} skipped ({3} TRX file(s) in {4})" -f $summary.XunitPassed, $summary.XunitFailed, $summary.XunitSkipped, $summary.XunitFiles, $summary.XunitResults)
    Write-Host ("Pester: {0} passed, {1} failed, {2} skipped ({3})" -f $summary.PesterPassed, $summary.PesterFailed, $summary.PesterSkipped, $summary.PesterResults)
    Write-Host "$passed passed, $failed failed"
    return $failed -gt 0
}

function Invoke-Clean {
    if (-not $script:TasksDone.Add('Clean')) { return }
    Write-Step 'Clean: out/ and bin/, obj/ folders'
    Remove-Directory $OutDir
    foreach ($root in 'src', 'tests', 'bench') {
        $path = Join-Path $RepoRoot $root
        if (-not (Test-Path -LiteralPath $path)) { continue }
        Get-ChildItem -LiteralPath $path -Directory -Recurse -Force |
            Where-Object { $_.Name -in 'bin', 'obj' } |
            Sort-Object { $_.FullName.Length } -Descending |
            ForEach-Object {
                if (Test-Path -LiteralPath $_.FullName) {
                    Write-Host ('    ' + [IO.Path]::GetRelativePath($RepoRoot, $_.FullName))
                    Remove-Item -LiteralPath $_.FullName -Recurse -Force
                }
            }
    }
}

$script:TestSummary = $null
$taskFailure = $null
Push-Location -LiteralPath $RepoRoot
try {
    foreach ($name in $Task) {
        switch ($name) {
            'Clean' { Invoke-Clean }
            'Build' { Invoke-Build }
            'Docs' { Invoke-Docs }
            'Test' { Invoke-Test }
        }
    }
}
catch {
    $taskFailure = "build.ps1 $($Task -join ','): $($_.Exception.Message)"
    $host.UI.WriteErrorLine("build.ps1 $($Task -join ','): FAILED: $($_.Exception.Message)")
    if ($_.FullyQualifiedErrorId -ne $_.Exception.Message) {
        # Not one of this script's own 'throw "message"' errors: show where it came from.
        $host.UI.WriteErrorLine($_.ScriptStackTrace)
    }
}
finally {
    Pop-Location
}

# The summary comes after every task (-Task Test, Clean too), so that its line is the last one printed.
$failed = [bool] $taskFailure
if ($Task -contains 'Test') {
    $failed = Write-TestSummary -TaskFailure $taskFailure
}
if ($failed) { exit 1 }
exit 0
