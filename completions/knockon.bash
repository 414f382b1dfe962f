# bash completion for knockon.  The names come from knockon itself
# (knockon help --commands, knockon help --options [CMD]), so they always
# match the binary being completed.
_knockon()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= bin=${COMP_WORDS[0]:-knockon}
	local i word cmd= line opts=
	local -a of=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	bin=${bin/#\~/$HOME}
	# the command: the first word that is not one of knockon's own options
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		case $word in
		--db) ((i++)) ;;
		-*) ;;
		*) cmd=$word; break ;;
		esac
	done
	[[ -n $cmd && $cmd != help ]] && of=("$cmd")
	COMPREPLY=()
	while IFS= read -r line; do
		# "--format F": an option that takes a value
		if [[ $prev == -* && $line == "$prev "* ]]; then
			compopt -o default 2>/dev/null
			return 0
		fi
		opts+=" ${line%% *}"
	done < <("$bin" help --options "${of[@]}" 2>/dev/null)
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	elif [[ -z $cmd || ($cmd == help && $prev == help) ]]; then
		COMPREPLY=($(compgen -W "$("$bin" help --commands 2>/dev/null)" -- "$cur"))
	else
		compopt -o default 2>/dev/null
	fi
	return 0
}
complete -F _knockon knockon
