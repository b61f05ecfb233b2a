#compdef numsearch

_numsearch_completion() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _NUMSEARCH_COMPLETE=complete_zsh numsearch)
}

compdef _numsearch_completion numsearch
