# Shared helpers of the Pester suite. Import in BeforeAll after importing the module under test:
#   Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
# Every test file runs in the same runspace (Invoke-PesterSuite.ps1), so each file starts its own
# memory engine on a fresh network (Start-TestEngine) and stops it in AfterAll/AfterEach.

function Get-TestModulePath {
    <# The manifest of the module under test (Invoke-PesterSuite.ps1 sets JSTORRENT_MODULE_PATH). #>
    $path = if ($env:JSTORRENT_MODULE_PATH) { $env:JSTORRENT_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/JsTorrent/JsTorrent.psd1' }
    (Resolve-Path -LiteralPath $path).ProviderPath
}

function New-TestFolder {
    <# A new empty folder under the temp folder; remove it with Remove-Item -Recurse. #>
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('jst-pester-' + [guid]::NewGuid().ToString('N'))
    (New-Item -ItemType Directory -Path $path -Force).FullName
}

function New-TestContent {
    <#
        Writes files of random bytes (seeded, so repeatable) under $Folder; $Files maps relative paths
        ('/'-separated) to sizes. Returns the full paths.
    #>
    param(
        [Parameter(Mandatory)] [string] $Folder,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Files,
        [int] $Seed = 1
    )
    $random = [System.Random]::new($Seed)
    foreach ($relative in @($Files.Keys | Sort-Object)) {
        $path = Join-Path $Folder ($relative -replace '/', [System.IO.Path]::DirectorySeparatorChar)
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $path) -Force
        $bytes = [byte[]]::new([int] $Files[$relative])
        $random.NextBytes($bytes)
        [System.IO.File]::WriteAllBytes($path, $bytes)
        $path
    }
}

function Wait-TestTask {
    <# Waits for a .NET task (bounded) and returns its result; throws its exception. #>
    param([Parameter(Mandatory)] $Task, [int] $TimeoutSeconds = 30)
    if ($Task -is [System.Threading.Tasks.ValueTask] -or $Task.GetType().Name -like 'ValueTask*') { $Task = $Task.AsTask() }
    if (-not $Task.Wait([TimeSpan]::FromSeconds($TimeoutSeconds))) { throw "A task did not finish within $TimeoutSeconds s." }
    if ($Task.GetType().IsGenericType) { return $Task.GetAwaiter().GetResult() }
}

function Start-TestEngine {
    <#
        Stops the runspace's engine (if any) and starts a Memory engine on a new network; returns the network
        (seeders from New-TestSeeder join it). Extra Start-TorrentEngine parameters pass through.
    #>
    param([hashtable] $Parameters = @{})
    Stop-TorrentEngine
    $network = [JsTorrent.Adapters.Memory.MemoryNetwork]::new()
    $null = Start-TorrentEngine -Preset Memory -MemoryNetwork $network @Parameters
    $network
}

function New-TestSeeder {
    <#
        An engine made with the .NET API on $Network that seeds the .torrent files $TorrentPath from the content under
        $ContentParent (the folder that holds each torrent's file or top folder, read through the native file system).
        Waits until it seeds them all. Returns an object with Engine (BtEngine), Torrent (the first), Torrents, Address,
        Port and Peer ('address:port' for Add-Torrent -Peer). Dispose with Remove-TestSeeder.
    #>
    param(
        [Parameter(Mandatory)] [JsTorrent.Adapters.Memory.MemoryNetwork] $Network,
        [Parameter(Mandatory)] [string[]] $TorrentPath,
        [Parameter(Mandatory)] [string] $ContentParent,
        [long] $UploadRateLimit = 0,
        [int] $TimeoutSeconds = 30
    )
    $root = [JsTorrent.Adapters.Native.NativeStorageRoots]::Create($ContentParent, 'seed')
    $address = $Network.FreeAddress()
    $config = [JsTorrent.Adapters.Presets.MemoryEngineConfig]::new()
    $config.Network = $Network
    $config.Address = $address
    # A .NET delegate, not a script block: the engine calls it on its own threads, which have no runspace.
    $config.StorageRootFileSystemFactory = [JsTorrent.Adapters.Native.NativeStorageRoots]::FileSystemFactory
    $config.Configure = [System.Action[JsTorrent.Engine.Core.EngineOptions]] {
        param($options)
        $options.StorageRoots.Add($root)
        $options.DefaultStorageRoot = $root.Token
        $options.ListenPort = 6881
        $options.UploadRateLimit = $UploadRateLimit
    }.GetNewClosure()
    $engine = Wait-TestTask ([JsTorrent.Adapters.Presets.EnginePresets]::CreateMemoryEngineAsync($config, [System.Threading.CancellationToken]::None)) -TimeoutSeconds $TimeoutSeconds
    $torrents = @(foreach ($path in $TorrentPath) {
            $bytes = [System.IO.File]::ReadAllBytes((Resolve-Path -LiteralPath $path).ProviderPath)
            Wait-TestTask ($engine.AddTorrentAsync($bytes, $null, [System.Threading.CancellationToken]::None)) -TimeoutSeconds $TimeoutSeconds
        })
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (@($torrents | Where-Object State -NE ([JsTorrent.Engine.Core.TorrentState]::Seeding)).Count -gt 0) {
        if ([DateTime]::UtcNow -gt $deadline) {
            throw "The seeder did not seed within $TimeoutSeconds s: $(($torrents | ForEach-Object { "$($_.Name) $($_.State) '$($_.ErrorMessage)'" }) -join '; ')."
        }
        Start-Sleep -Milliseconds 20
    }
    [pscustomobject]@{ Engine = $engine; Torrent = $torrents[0]; Torrents = $torrents; Address = $address; Port = $engine.ListenPort; Peer = "${address}:$($engine.ListenPort)" }
}

function Remove-TestSeeder {
    param([Parameter(ValueFromPipeline)] $Seeder)
    process { if ($Seeder) { $null = Wait-TestTask ($Seeder.Engine.DisposeAsync().AsTask()) } }
}

function Read-TestTorrentFile {
    <# The bytes of a file of a torrent of the memory engine: $RelativePath is as Get-TorrentFile's Path ('name/sub/file'). #>
    param([Parameter(Mandatory)] [JsTorrent.Torrent] $Torrent, [Parameter(Mandatory)] [string] $RelativePath)
    $Torrent.GetEngineTorrent().FileSystem.ReadAllBytes($RelativePath)
}

function Get-TestHash([byte[]] $Bytes) {
    <# SHA-256 of a byte array, as hex. #>
    [System.BitConverter]::ToString([System.Security.Cryptography.SHA256]::HashData($Bytes)) -replace '-'
}

Export-ModuleMember -Function *
