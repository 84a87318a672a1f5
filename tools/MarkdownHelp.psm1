# MarkdownHelp: turns PlatyPS 0.14 (schema 2.0.0) markdown into PowerShell help, because PlatyPS
# itself cannot be installed from the registries this project reaches.
#   ConvertFrom-HelpMarkdown  docs/<Cmdlet>.md        -> a command model (objects, see below)
#   ConvertTo-MamlHelp        command models          -> MAML XML text (<Assembly>.dll-Help.xml)
#   ConvertTo-AboutHelpText   docs/about_<Topic>.md   -> about_<Topic>.help.txt text (80 columns)
#   New-ModuleHelp            docs folder             -> both files in an en-US folder
# Malformed markdown throws a MarkdownHelpException-style error: '<file>:<line>: <what is wrong>'.

Set-StrictMode -Version Latest

$script:MamlNamespace = 'http://schemas.microsoft.com/maml/2004/10'
$script:CommandNamespace = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:DevNamespace = 'http://schemas.microsoft.com/maml/dev/2004/10'
$script:RequiredSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:RequiredYamlKeys = @('Type', 'Parameter Sets', 'Required', 'Position', 'Accept pipeline input')

# The parts, each with one job; they share this module's scope.
. (Join-Path $PSScriptRoot 'MarkdownHelp/Parse.ps1')
. (Join-Path $PSScriptRoot 'MarkdownHelp/Maml.ps1')
. (Join-Path $PSScriptRoot 'MarkdownHelp/About.ps1')

function Get-CmdletHelpFile {
    <#
    .SYNOPSIS
        The cmdlet help files of a docs folder: <Verb>-<Noun>.md with an approved verb and PascalCase names
        (guides such as path-safety.md are not cmdlet help).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $DocsPath)
    $verbs = @(Get-Verb | ForEach-Object Verb)
    Get-ChildItem -LiteralPath $DocsPath -Filter '*-*.md' -File | Where-Object {
        $_.BaseName -cmatch '^([A-Z][a-z]+)-[A-Z][A-Za-z0-9]+$' -and $verbs -ccontains $Matches[1]
    } | Sort-Object Name
}

function New-ModuleHelp {
    <#
    .SYNOPSIS
        Writes <HelpFileName> (MAML of every docs/<Verb-Noun>.md) and about_*.help.txt (of docs/about_*.md)
        into $OutputPath. Returns the files written.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $DocsPath,
        [Parameter(Mandatory)] [string] $OutputPath,
        [string] $HelpFileName = 'JsTorrent.PowerShell.dll-Help.xml'
    )
    $docs = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
    $null = New-Item -ItemType Directory -Path $OutputPath -Force
    $cmdletFiles = @(Get-CmdletHelpFile -DocsPath $docs)
    if ($cmdletFiles.Count -gt 0) {
        $commands = @($cmdletFiles | ForEach-Object {
                $command = ConvertFrom-HelpMarkdown -Path $_.FullName
                if ($command.Name -ne $_.BaseName) {
                    throw (New-MarkdownError $_.Name 0 "the title '# $($command.Name)' does not match the file name.")
                }
                $command
            })
        $target = Join-Path $OutputPath $HelpFileName
        [System.IO.File]::WriteAllText($target, (ConvertTo-MamlHelp -Command $commands), [System.Text.UTF8Encoding]::new($false))
        Get-Item -LiteralPath $target
    }
    foreach ($about in @(Get-ChildItem -LiteralPath $docs -Filter 'about_*.md' -File)) {
        $target = Join-Path $OutputPath ($about.BaseName + '.help.txt')
        [System.IO.File]::WriteAllText($target, (ConvertTo-AboutHelpText -Path $about.FullName), [System.Text.UTF8Encoding]::new($false))
        Get-Item -LiteralPath $target
    }
}

Export-ModuleMember -Function Get-CmdletHelpFile, ConvertFrom-HelpMarkdown, ConvertTo-MamlHelp, ConvertTo-AboutHelpText, New-ModuleHelp, Test-MamlSchema
