import sys; sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from common import *
idv=ids(); A=load(sys.argv[1]); B=load(sys.argv[2])
trm,am,bm,te=split(idv,42)
XA=prep(A,trm); XB=prep(B,trm); d=max(XA.shape[1],XB.shape[1]); XA=pad(XA,d); XB=pad(XB,d)
W=procrustes(XA[trm],XB[trm])
print('sup rank1',rank1(XA[te]@W, XB[te], idv[te]), 'base', rank1(pad(XA[te],d)[:, :d], XB[te], idv[te]) if XA.shape[1]==XB.shape[1] else '')
# similarity-structure isomorphism on same images
rs=np.random.RandomState(0); s=rs.choice(np.where(trm)[0],2000,replace=False)
SA=XA[s]@XA[s].T; SB=XB[s]@XB[s].T; iu=np.triu_indices(2000,1)
print('corr of cos sims same images', np.corrcoef(SA[iu],SB[iu])[0,1])
