<#
.SYNOPSIS
    Runs the Pester suite (*.Tests.ps1 in this folder) against a built JsTorrent module.

.DESCRIPTION
    build.ps1 Test starts this script in a child pwsh, because an imported binary
    module cannot be unloaded from the process that imported it. It imports Pester
    by path, exposes the module under test through $env:JSTORRENT_MODULE_PATH,
    runs every *.Tests.ps1 here and writes the counts as JSON to -ResultFile
    (Passed, Failed, Skipped, NotRun, Total, FailedBlocks, FailedContainers, Result)
    and, optionally, an NUnit XML report to -TestResultFile.
    Exit code: 0 when everything passed, 1 otherwise.

.EXAMPLE
    dotnet pwsh -NoProfile -File tests/JsTorrent.PowerShell.Tests/Invoke-PesterSuite.ps1 -ModulePath out/JsTorrent/JsTorrent.psd1 -PesterPath ~/.nuget/packages/pester/5.7.1/tools/Pester.psd1 -ResultFile out/TestResults/pester.json
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultFile,
    [string] $TestResultFile
)

$ErrorActionPreference = 'Stop'
# No Set-StrictMode here: it would leak into Pester's evaluation of the test files (e.g. a
# '<name>' in a test title would then throw instead of expanding); test files opt in themselves.

$redirected = [Console]::IsOutputRedirected
if ($redirected -and (Get-Variable -Name PSStyle -ErrorAction Ignore)) {
    $PSStyle.OutputRendering = 'PlainText'
}

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$env:JSTORRENT_MODULE_PATH = $ModulePath

Import-Module -Name (Resolve-Path -LiteralPath $PesterPath).ProviderPath -Force
$pesterModule = Get-Module -Name Pester
Write-Host "Pester $($pesterModule.Version) from $($pesterModule.ModuleBase)"
Write-Host "Module under test: $ModulePath"

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Output.Verbosity = 'Detailed'
if ($redirected) {
    $config.Output.RenderMode = 'Plaintext'
}
if ($TestResultFile) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $TestResultFile
}

# The tests run with PowerShell's default error preference, as a user's session would.
$ErrorActionPreference = 'Continue'
$run = Invoke-Pester -Configuration $config
$ErrorActionPreference = 'Stop'

$counts = [ordered]@{
    Passed           = $run.PassedCount
    Failed           = $run.FailedCount
    Skipped          = $run.SkippedCount
    NotRun           = $run.NotRunCount
    Total            = $run.TotalCount
    FailedBlocks     = $run.FailedBlocksCount
    FailedContainers = $run.FailedContainersCount
    Result           = $run.Result
}
$resultDir = Split-Path -Parent $ResultFile
if ($resultDir -and -not (Test-Path -LiteralPath $resultDir)) {
    $null = New-Item -ItemType Directory -Path $resultDir -Force
}
$counts | ConvertTo-Json | Set-Content -LiteralPath $ResultFile -Encoding utf8

if ($run.Result -eq 'Passed' -and $run.FailedCount -eq 0) { exit 0 }
exit 1
