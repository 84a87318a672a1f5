<#
.SYNOPSIS
    The main job end to end on one machine, with no internet: make content and a .torrent, seed it from a
    second engine on loopback, download it with Add-Torrent -Wait, verify it, and say where it is.

.DESCRIPTION
    Needs the built module (./build.ps1 Build). Everything goes under -WorkFolder (default out/demo):
    content/   the files that are shared, and demo.torrent
    seed/      nothing: the seeding engine stores nothing new, it reads content/
    downloads/ where the downloading engine puts the files
    session.db the downloading engine's session (so the demo never touches your own session)

    The seeder is a second engine in a second runspace of this process (each runspace has its own engine);
    both listen on 127.0.0.1 only, on ports the system picks.

.EXAMPLE
    dotnet pwsh -c "./build.ps1 Build; ./examples/Invoke-LoopbackDemo.ps1"
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/JsTorrent/JsTorrent.psd1'),
    [string] $WorkFolder = (Join-Path $PSScriptRoot '../out/demo'),
    [int] $SizeMiB = 64
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
Import-Module $ModulePath -Force
if (Test-Path -LiteralPath $WorkFolder) { Remove-Item -LiteralPath $WorkFolder -Recurse -Force }
$work = (New-Item -ItemType Directory -Path $WorkFolder -Force).FullName
$content = New-Item -ItemType Directory -Path (Join-Path $work 'content/demo-share/docs') -Force
$downloads = New-Item -ItemType Directory -Path (Join-Path $work 'downloads') -Force

Write-Host "1. Content: $SizeMiB MiB of random data in $(Split-Path -Parent $content)"
$random = [System.Random]::new(42)
$buffer = [byte[]]::new(1MB)
$big = [System.IO.File]::Create((Join-Path $work 'content/demo-share/big.bin'))
try {
    for ($i = 0; $i -lt $SizeMiB; $i++) { $random.NextBytes($buffer); $big.Write($buffer, 0, $buffer.Length) }
}
finally { $big.Dispose() }
Set-Content -LiteralPath (Join-Path $content 'readme.txt') -Value 'Shared by JsTorrent over loopback.'

Write-Host '2. New-Torrent'
$torrentFile = Join-Path $work 'demo.torrent'
$info = New-Torrent -Path (Join-Path $work 'content/demo-share') -Destination $torrentFile -PieceSize 256KB
$info | Format-Table Name, Size, PieceLength, InfoHash | Out-Host

Write-Host '3. A seeding engine in a second runspace (127.0.0.1, no session)'
$seederRunspace = [runspacefactory]::CreateRunspace()
$seederRunspace.Open()
try {
    $seeder = [powershell]::Create($seederRunspace)
    $null = $seeder.AddScript({
            param($ModulePath, $ContentFolder, $TorrentFile)
            $ErrorActionPreference = 'Stop'
            Import-Module $ModulePath
            $null = Start-TorrentEngine -DownloadPath $ContentFolder -NoSession -ListenAddress 127.0.0.1 -Port 0
            # The files are already there: adding checks them and the torrent seeds.
            $null = Add-Torrent -LiteralPath $TorrentFile -Wait -Timeout 120
            (Get-TorrentEngine).ListenPort
        }).AddArgument($ModulePath).AddArgument((Join-Path $work 'content')).AddArgument($torrentFile)
    $seedPort = @($seeder.Invoke())[-1]
    if ($seeder.HadErrors) { throw "The seeder failed: $($seeder.Streams.Error[0])" }
    Write-Host "   seeding on 127.0.0.1:$seedPort"

    Write-Host '4. Add-Torrent -Wait in this runspace'
    $null = Start-TorrentEngine -DownloadPath $downloads -SessionPath (Join-Path $work 'session.db') -ListenAddress 127.0.0.1 -Port 0
    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $torrent = Add-Torrent -LiteralPath $torrentFile -Peer "127.0.0.1:$seedPort" -Wait -Timeout 300
    $stopwatch.Stop()
    $torrent | Format-Table | Out-Host
    $mibPerSecond = $torrent.Size / 1MB / [Math]::Max($stopwatch.Elapsed.TotalSeconds, 0.001)
    Write-Host ('   {0:N1} MiB in {1:N1} s ({2:N1} MiB/s)' -f ($torrent.Size / 1MB), $stopwatch.Elapsed.TotalSeconds, $mibPerSecond)

    Write-Host '5. Verify'
    $bad = 0
    foreach ($file in Get-TorrentFile -InputObject $torrent) {
        $source = Join-Path (Join-Path $work 'content') $file.Path
        $same = (Get-FileHash -LiteralPath $source).Hash -eq (Get-FileHash -LiteralPath $file.FullPath).Hash
        if (-not $same) { $bad++ }
        Write-Host ('   {0,-8} {1}' -f $(if ($same) { 'same' } else { 'DIFFERS' }), $file.FullPath)
    }
    if ($bad) { throw "$bad file(s) differ from the source." }

    Write-Host "6. The files are in $($torrent.Path)"
}
finally {
    Stop-TorrentEngine
    $seederRunspace.Dispose()
}
