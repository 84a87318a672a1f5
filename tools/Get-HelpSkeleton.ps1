<#
.SYNOPSIS
    Prints the SYNTAX and PARAMETERS yaml blocks of a cmdlet's PlatyPS markdown from the built module's metadata.
.DESCRIPTION
    The prose of docs/<Cmdlet>.md is written by hand; the blocks this script prints are what the metadata says, so the
    help cannot drift from the code: paste them, or compare them with the doc's (-Compare reports the differences).
    Types are written as PlatyPS writes them (the short .NET name; a Nullable's inner type), the syntax lines keep
    PowerShell's own order of the parameters, and the common parameters (ProgressAction included) are left out.
.EXAMPLE
    ./tools/Get-HelpSkeleton.ps1 -Name Add-Torrent
.EXAMPLE
    ./tools/Get-HelpSkeleton.ps1 -Name Add-Torrent, Get-Torrent -Compare
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string[]] $Name,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/JsTorrent/JsTorrent.psd1'),
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs'),
    [switch] $Compare
)

$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters |
    Where-Object { $_ -notin 'WhatIf', 'Confirm' }
Import-Module $ModulePath -Force

function Get-TypeString([type] $Type) {
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return $Type.GenericTypeArguments[0].Name }
    if ($Type.IsGenericType) { return $Type.ToString() }
    $Type.Name
}

function Get-PipelineText($Parameter) {
    if ($Parameter.ValueFromPipeline) {
        if ($Parameter.ValueFromPipelineByPropertyName) { 'True (ByPropertyName, ByValue)' } else { 'True (ByValue)' }
    } elseif ($Parameter.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' }
}

function Get-Syntax($Command) {
    foreach ($set in $Command.ParameterSets) {
        $line = "$($Command.Name) $set"
        # PowerShell writes type accelerators (<string[]>); PlatyPS the .NET short names (<String[]>).
        foreach ($p in $set.Parameters) {
            $type = Get-TypeString $p.ParameterType
            $line = [regex]::Replace($line, "(\[?-$($p.Name)\]? )<[^>]+>", { param($m) $m.Groups[1].Value + "<$type>" })
        }
        $title = if ($set.IsDefault -and $Command.ParameterSets.Count -gt 1) { "### $($set.Name) (Default)" } else { "### $($set.Name)" }
        if ($Command.ParameterSets.Count -eq 1 -and $set.Name -eq '__AllParameterSets') { $title = '### __AllParameterSets' }
        $title, '```', $line, '```' -join "`n"
    }
}

function Get-ParameterBlocks($Command) {
    $sets = @($Command.ParameterSets)
    $names = $sets.Parameters.Name | Where-Object { $_ -notin $common } | Sort-Object -Unique
    foreach ($n in $names) {
        $groups = [ordered]@{}
        $meta = $null
        foreach ($set in $sets) {
            $p = $set.Parameters | Where-Object Name -EQ $n
            if (-not $p) { continue }
            $meta = $p
            $position = if ($p.Position -lt 0) { 'Named' } else { [string]$p.Position }
            $key = "$($p.IsMandatory)|$position|$(Get-PipelineText $p)"
            if (-not $groups.Contains($key)) { $groups[$key] = [System.Collections.Generic.List[string]]::new() }
            $groups[$key].Add($set.Name)
        }
        $info = $Command.Parameters[$n]
        $type = Get-TypeString $info.ParameterType
        $aliases = if ($n -eq 'WhatIf') { 'wi' } elseif ($n -eq 'Confirm') { 'cf' } else { $info.Aliases -join ', ' }
        $wildcards = [bool]($info.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $default = if ($info.SwitchParameter) { 'False' } else { 'None' }
        $inAll = $groups.Count -eq 1 -and @($groups.Values)[0].Count -eq $sets.Count
        $blocks = foreach ($key in $groups.Keys) {
            $required, $position, $pipeline = $key -split '\|'
            $setText = if ($inAll) { '(All)' } else { $groups[$key] -join ', ' }
            @(
                '```yaml'
                "Type: $type"
                "Parameter Sets: $setText"
                "Aliases:$(if ($aliases) { " $aliases" })"
                ''
                "Required: $required"
                "Position: $position"
                "Default value: $default"
                "Accept pipeline input: $pipeline"
                "Accept wildcard characters: $wildcards"
                '```'
            ) -join "`n"
        }
        [pscustomobject]@{ Name = $n; Text = "### -$n`n`n" + ($blocks -join "`n`n") }
    }
}

foreach ($cmd in $Name) {
    $command = Get-Command $cmd -Module JsTorrent -ErrorAction Stop
    $syntax = (Get-Syntax $command) -join "`n`n"
    $params = @(Get-ParameterBlocks $command)
    if (-not $Compare) {
        "# $cmd`n`n## SYNTAX`n`n$syntax`n`n## PARAMETERS`n"
        $params.Text -join "`n`n"
        continue
    }

    # -Compare: the doc's blocks must be the metadata's, character for character (line ends aside).
    $doc = (Get-Content -Raw (Join-Path $DocsPath "$cmd.md")) -replace "`r`n", "`n"
    $problems = @()
    foreach ($block in $syntax -split "(?=### )" | Where-Object { $_ }) {
        if (-not $doc.Contains($block.Trim())) { $problems += "syntax block differs or is missing:`n$block" }
    }
    foreach ($p in $params) {
        $yaml = ($p.Text -split "`n`n", 2)[1]
        foreach ($b in [regex]::Matches($yaml, '(?s)```yaml.*?```').Value) {
            if (-not $doc.Contains($b)) { $problems += "-$($p.Name): yaml differs or is missing:`n$b" }
        }
        if ($doc -notmatch "(?m)^### -$($p.Name)\s*$") { $problems += "-$($p.Name): no section" }
    }
    $documented = [regex]::Matches($doc, '(?m)^### -(\w+)\s*$') | ForEach-Object { $_.Groups[1].Value }
    foreach ($d in $documented) { if ($d -notin $params.Name) { $problems += "-${d}: documented, not a parameter" } }
    $sorted = @($documented | Sort-Object)
    if (($documented -join ',') -ne ($sorted -join ',')) { $problems += 'parameters are not in alphabetical order' }
    if ($problems) { "${cmd}: $($problems.Count) problem(s)"; $problems } else { "${cmd}: OK" }
}
